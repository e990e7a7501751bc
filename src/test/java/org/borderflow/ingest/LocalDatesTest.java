package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class LocalDatesTest extends SparkTestBase {

  private static final Map<String, String> ZONES =
      Map.of("FI", "Europe/Helsinki", "GE", "Asia/Tbilisi", "US", "America/New_York", "KI", "Pacific/Kiritimati");
  private static final StructType SCHEMA = new StructType()
      .add("country", DataTypes.StringType).add("at", DataTypes.TimestampType);

  private static List<String> localDates(Object[]... rows) {
    Dataset<Row> df = df(SCHEMA, rows);
    return df.select(LocalDates.of(col("country"), col("at"), ZONES).cast("string")).collectAsList().stream()
        .map(r -> String.valueOf(r.get(0))).toList();
  }

  @Test
  void anInstantIsTheDateOnTheReportingCountrysClock() {
    assertEquals(List.of("2022-09-26", "2022-09-25", "2022-09-26", "2022-09-25", "2022-09-26"), localDates(
        // The contract's example: 22:30Z on Sunday is already Monday in Helsinki (UTC+3 in summer).
        row("FI", instant("2022-09-25T22:30:00Z")),
        row("FI", instant("2022-09-25T20:59:59Z")),
        row("GE", instant("2022-09-25T20:00:00Z")),
        // West of UTC the local date is the day before; UTC+14 is a day ahead.
        row("US", instant("2022-09-26T03:00:00Z")),
        row("KI", instant("2022-09-25T10:00:00Z"))));
  }

  @Test
  void summerTimeEndsOnItsOwnInstantInEachZone() {
    // Helsinki leaves UTC+3 at 2022-10-30T01:00Z: 21:30Z is 00:30 local before the change, 22:30Z after it.
    assertEquals(List.of("2022-10-30", "2022-10-29", "2022-10-31"), localDates(
        row("FI", instant("2022-10-29T21:30:00Z")),
        row("FI", instant("2022-10-29T20:59:00Z")),
        row("FI", instant("2022-10-30T22:30:00Z"))));
  }

  @Test
  void anUnknownCountryOrAMissingInstantHasNoDate() {
    assertEquals(List.of("null", "null", "null"), localDates(
        row("XX", instant("2022-09-25T22:30:00Z")),
        row(null, instant("2022-09-25T22:30:00Z")),
        row("FI", null)));
  }
}
