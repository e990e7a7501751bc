package org.borderflow.persons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.borderflow.common.Columns;

/**
 * The exodus_by_group table: the cohorts of exodus_cohorts split by sex and age band at the event date, crossed,
 * so that "men aged 25-39" is one row. The groups of a cohort add up to the cohort published in exodus_cohorts, so
 * hiding one small group is not enough: its figures would be the total minus the other groups. Where exactly one
 * group of a cohort is withheld, the smallest published group is withheld with it (secondary suppression).
 */
public final class ExodusByGroup {

  public static final String[] COLUMNS = CohortComparison.columns(CohortFollowUp.GROUP);

  private ExodusByGroup() {}

  public static Dataset<Row> build(Dataset<Row> followUp, List<Integer> horizonsDays, double coverage,
                                   int minCellPersons) {
    Dataset<Row> flagged = CohortComparison.flagSmallCohorts(
        CohortComparison.compare(followUp, CohortFollowUp.GROUP, horizonsDays, coverage), minCellPersons);
    flagged = protectTotal(flagged, "cohort_size", CohortComparison.SUPPRESSED);
    flagged = protectTotal(flagged, "baseline_cohort_size", CohortComparison.BASELINE_SUPPRESSED);
    return Columns.select(CohortComparison.applySuppression(flagged), COLUMNS);
  }

  /**
   * Within one cohort and horizon, if a single group with members is flagged, also flags the published group with
   * the fewest members (ties by sex, then age band, so a rerun withholds the same one).
   */
  static Dataset<Row> protectTotal(Dataset<Row> flagged, String size, String flag) {
    List<Column> cohort = new ArrayList<>();
    for (String k : CohortFollowUp.KEY) {
      cohort.add(col(k));
    }
    cohort.add(col("horizon_days"));
    WindowSpec sameCohort = Window.partitionBy(cohort.toArray(Column[]::new));
    // A withheld group with no member gives nothing away when derived: it is 0 of 0.
    Column withheld = sum(when(col(flag).and(col(size).gt(0)), 1).otherwise(0)).over(sameCohort);
    // false sorts first: the first row is the smallest group still published.
    Column smallestPublished = row_number().over(sameCohort.orderBy(col(flag), col(size),
        col(CohortFollowUp.GROUP[0]), col(CohortFollowUp.GROUP[1])));
    return flagged.withColumn(flag, col(flag).or(withheld.equalTo(1).and(smallestPublished.equalTo(1))));
  }
}
