package org.borderflow.weekly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class NetRemainingWeeklyTest extends SparkTestBase {

  static final StructType COUNTED = CountedDaily.SCHEMA;

  @Test
  void weeklyNetCumulatesAcrossTheIsoYearBoundary() {
    Dataset<Row> counted = df(COUNTED,
        row("a", date("2020-12-31"), "FI", null, null, "RU", "ENTRY", 10L, null),
        row("b", date("2021-01-03"), "FI", "P1", "LAND", "RU", "EXIT", 4L, null),
        row("a", date("2021-01-03"), "FI", null, null, "RU", "ENTRY", 6L, null),
        row("a", date("2021-01-04"), "FI", null, null, "RU", "EXIT", 9L, null),
        row("a", date("2021-01-04"), "FI", null, null, "BY", "ENTRY", 1L, null));
    Dataset<Row> weekly = NetRemainingWeekly.build(CrossingsDaily.build(counted, 10));
    assertEquals(lines(
            "[2020,53,2020-W53,2020-12-28,FI,RU,16,4,12,12,2,false,a,b]",
            "[2021,1,2021-W01,2021-01-04,FI,RU,0,9,-9,3,1,false,a]",
            "[2021,1,2021-W01,2021-01-04,FI,BY,1,0,1,1,1,false,a]"),
        sorted(weekly));
  }

  @Test
  void aWeekIsCompleteWithSevenReportedDays() {
    Object[][] rows = new Object[7][];
    for (int d = 0; d < 7; d++) {
      rows[d] = row("a", date("2022-09-" + (19 + d)), "FI", null, null, "RU", "ENTRY", 1L, null);
    }
    Row r = NetRemainingWeekly.build(CrossingsDaily.build(df(COUNTED, rows), 10)).first();
    assertEquals(7, r.getInt(r.fieldIndex("days_reported")));
    assertEquals(true, r.getBoolean(r.fieldIndex("complete")));
  }
}
