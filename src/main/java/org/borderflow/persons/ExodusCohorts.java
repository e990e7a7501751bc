package org.borderflow.persons;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exodus_cohorts table: for each event, destination with event data and event source, the event and baseline
 * cohorts at each horizon and the excess stayers (method in {@link CohortComparison} and the README).
 */
public final class ExodusCohorts {

  public static final String[] COLUMNS = CohortComparison.columns();

  private ExodusCohorts() {}

  public static Dataset<Row> build(Dataset<Row> followUp, List<Integer> horizonsDays, double coverage,
                                   int minCellPersons) {
    List<Object[]> rows = CohortComparison.compare(followUp, new String[0], horizonsDays, coverage);
    CohortComparison.flagSmallCohorts(rows, COLUMNS, minCellPersons);
    CohortComparison.applySuppression(rows, COLUMNS);
    return CohortComparison.table(followUp, COLUMNS, rows, false);
  }
}
