package org.borderflow.weekly;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.common.Columns;
import org.borderflow.persons.DisclosureControl;

/** The published crossings_daily table (contract section 2.1) from the rows precedence counted. */
public final class CrossingsDaily {

  /** {@code persons} and its flag come last: columns are added to a published table, never moved or renamed. */
  public static final String[] COLUMNS = {"date", "iso_year", "iso_week", "week_start", "reporting_country",
      "crossing_point", "border_type", "citizenship", "direction", "crossings", "source", "persons",
      "persons_suppressed"};

  private CrossingsDaily() {}

  /** {@code persons} below {@code minCellPersons} is published as null with {@code persons_suppressed} true. */
  public static Dataset<Row> build(Dataset<Row> countedDaily, int minCellPersons) {
    Dataset<Row> suppressed = DisclosureControl.suppressCells(countedDaily, minCellPersons, "persons_suppressed",
        "persons");
    return Columns.select(IsoWeeks.withIsoWeek(suppressed, "date"), COLUMNS);
  }
}
