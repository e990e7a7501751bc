package org.borderflow.persons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
    List<Object[]> rows = CohortComparison.compare(followUp, CohortFollowUp.GROUP, horizonsDays, coverage);
    CohortComparison.flagSmallCohorts(rows, COLUMNS, minCellPersons);
    protectTotal(rows, "cohort_size", CohortComparison.SUPPRESSED);
    protectTotal(rows, "baseline_cohort_size", CohortComparison.BASELINE_SUPPRESSED);
    CohortComparison.applySuppression(rows, COLUMNS);
    return CohortComparison.table(followUp, COLUMNS, rows, true);
  }

  /**
   * Within one cohort and horizon, if a single group with members is flagged, also flags the published group with
   * the fewest members (ties by sex, then age band, so a rerun withholds the same one). Rows of {@link #COLUMNS}.
   */
  static void protectTotal(List<Object[]> flagged, String size, String flag) {
    int sizeAt = CohortComparison.index(COLUMNS, size);
    int flagAt = CohortComparison.index(COLUMNS, flag);
    int sexAt = CohortComparison.index(COLUMNS, CohortFollowUp.GROUP[0]);
    int ageAt = CohortComparison.index(COLUMNS, CohortFollowUp.GROUP[1]);
    List<Integer> cohortAt = new ArrayList<>();
    for (String k : CohortFollowUp.KEY) {
      cohortAt.add(CohortComparison.index(COLUMNS, k));
    }
    cohortAt.add(CohortComparison.index(COLUMNS, "horizon_days"));
    Map<List<Object>, List<Object[]>> cohorts = new LinkedHashMap<>();
    for (Object[] row : flagged) {
      cohorts.computeIfAbsent(Arrays.asList(cohortAt.stream().map(i -> row[i]).toArray()), k -> new ArrayList<>())
          .add(row);
    }
    // false sorts first: the first row is the smallest group still published.
    Comparator<Object[]> smallestPublished = Comparator.<Object[], Boolean>comparing(r -> (Boolean) r[flagAt])
        .thenComparing(r -> (Long) r[sizeAt])
        .thenComparing(r -> (String) r[sexAt])
        .thenComparing(r -> (String) r[ageAt]);
    for (List<Object[]> groups : cohorts.values()) {
      // A withheld group with no member gives nothing away when derived: it is 0 of 0.
      long withheld = groups.stream().filter(r -> (Boolean) r[flagAt] && (Long) r[sizeAt] > 0).count();
      if (withheld == 1) {
        groups.stream().min(smallestPublished).ifPresent(r -> r[flagAt] = true);
      }
    }
  }
}
