package org.borderflow.weekly;

import org.apache.spark.sql.Dataset;
import org.borderflow.common.Columns;
import org.apache.spark.sql.Row;

/** The published crossings_daily table (contract section 2.1) from the rows precedence counted. */
public final class CrossingsDaily {

  public static final String[] COLUMNS = {"date", "iso_year", "iso_week", "week_start", "reporting_country",
      "crossing_point", "border_type", "citizenship", "direction", "crossings", "source"};

  private CrossingsDaily() {}

  public static Dataset<Row> build(Dataset<Row> countedDaily) {
    return Columns.select(IsoWeeks.withIsoWeek(countedDaily, "date"), COLUMNS);
  }
}
