package org.borderflow.weekly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.weekofyear;

import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * ISO 8601 week columns. The week number is paired with the ISO week-year, never the calendar year:
 * 2021-01-03 is in 2020-W53 and 2024-12-30 in 2025-W01.
 */
public final class IsoWeeks {

  private IsoWeeks() {}

  public static Column isoYear(String dateColumn) {
    return expr("extract(YEAROFWEEK FROM `" + dateColumn + "`)").cast("int");
  }

  public static Column isoWeek(String dateColumn) {
    return weekofyear(col(dateColumn));
  }

  /** Monday of the ISO week: pure date arithmetic, so the session time zone cannot shift it. */
  public static Column weekStart(String dateColumn) {
    return date_sub(col(dateColumn), expr("weekday(`" + dateColumn + "`)"));
  }

  /** {@code 2022-W38}: the ISO week-year, "-W" and the week in two digits. */
  static final String WEEK_LABEL = "%d-W%02d";

  public static Column weekLabel(Column isoYear, Column isoWeek) {
    return format_string(WEEK_LABEL, isoYear, isoWeek);
  }

  /** {@link #weekLabel(Column, Column)} of one week, on the driver. */
  public static String weekLabel(int isoYear, int isoWeek) {
    return String.format(Locale.ROOT, WEEK_LABEL, isoYear, isoWeek);
  }

  /** Adds iso_year, iso_week and week_start for the given date column. */
  public static Dataset<Row> withIsoWeek(Dataset<Row> df, String dateColumn) {
    return df.withColumn("iso_year", isoYear(dateColumn))
        .withColumn("iso_week", isoWeek(dateColumn))
        .withColumn("week_start", weekStart(dateColumn));
  }
}
