package org.borderflow.weekly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoWeeksTest extends SparkTestBase {

  @ParameterizedTest(name = "{0} is {1}-W{2}, week from {3}")
  @CsvSource({
      "2015-12-31, 2015, 53, 2015-12-28, 2015-W53",
      "2016-01-01, 2015, 53, 2015-12-28, 2015-W53",
      "2016-01-04, 2016, 1, 2016-01-04, 2016-W01",
      "2021-01-03, 2020, 53, 2020-12-28, 2020-W53",
      "2021-01-04, 2021, 1, 2021-01-04, 2021-W01",
      "2024-12-29, 2024, 52, 2024-12-23, 2024-W52",
      "2024-12-30, 2025, 1, 2024-12-30, 2025-W01",
      "2027-01-01, 2026, 53, 2026-12-28, 2026-W53",
      "2022-09-19, 2022, 38, 2022-09-19, 2022-W38",
      "2022-09-25, 2022, 38, 2022-09-19, 2022-W38",
      "2022-09-26, 2022, 39, 2022-09-26, 2022-W39"})
  void isoWeekYearNotCalendarYear(String day, int isoYear, int isoWeek, String monday, String label) {
    StructType schema = new StructType().add("date", DataTypes.DateType);
    Row r = IsoWeeks.withIsoWeek(df(schema, row(date(day))), "date")
        .withColumn("label", IsoWeeks.weekLabel(org.apache.spark.sql.functions.col("iso_year"),
            org.apache.spark.sql.functions.col("iso_week")))
        .select("iso_year", "iso_week", "week_start", "label").first();
    assertEquals(isoYear, r.getInt(0), "iso_year of " + day);
    assertEquals(isoWeek, r.getInt(1), "iso_week of " + day);
    assertEquals(date(monday), r.getDate(2), "week_start of " + day);
    assertEquals(label, r.getString(3), "week_label of " + day);
  }
}
