package org.borderflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.borderflow.config.CountryTable;
import org.borderflow.generate.LandingZoneGenerator;
import org.borderflow.generate.bench.PlainSparkWeekly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The two floors of the benchmark compute the same table: plain Spark and DuckDB, on generated events that cross
 * the turn of 2020/21, where ISO weeks and calendar years part (2021-01-03 is in 2020-W53).
 */
class WeeklyFloorsAgreeTest extends SparkTestBase {

  @TempDir
  static Path work;

  @Test
  void plainSparkAndDuckDbGiveTheSameWeeks() throws Exception {
    Path raw = work.resolve("raw");
    assertEquals(0, new CommandLine(new LandingZoneGenerator()).execute("--events", "30000", "--days", "21",
        "--start", "2020-12-21", "--out", raw.toString()));
    Path countries = Path.of(System.getProperty("borderflow.project.dir", "."), "conf/countries.csv");

    List<String> spark = PlainSparkWeekly.weekly(SparkTestBase.spark, raw.toString(), CountryTable.load(countries.toString()))
        .collectAsList().stream().map(WeeklyFloorsAgreeTest::line).sorted().toList();
    List<String> duck = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      try (ResultSet rs = st.executeQuery(DuckDbWeekly.weeklySql(raw.toString(), countries.toString()))) {
        while (rs.next()) {
          duck.add(String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6)));
        }
      }
    }
    assertEquals(spark, duck.stream().sorted().toList());
    assertTrue(spark.stream().anyMatch(l -> l.contains(",2020,53,")), "2020-W53 is there");
    assertTrue(spark.stream().anyMatch(l -> l.contains(",2021,1,")), "2021-W01 is there");
    assertTrue(spark.stream().noneMatch(l -> l.contains(",2021,53,")), "no 2021-W53 from a calendar-year mix-up");
  }

  private static String line(Row r) {
    return String.join(",", r.getString(0), r.getString(1), String.valueOf(r.getInt(2)), String.valueOf(r.getInt(3)),
        String.valueOf(r.getLong(4)), String.valueOf(r.getLong(5)));
  }
}
