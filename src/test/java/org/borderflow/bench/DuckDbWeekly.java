package org.borderflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's DuckDB side: the same weekly aggregate as {@code PlainSparkWeekly}, computed by DuckDB from the same
 * Parquet files through its JDBC driver. It lives with the tests so that DuckDB stays out of the job jar;
 * {@code jobs/bench.sh} runs it from the test classpath.
 *
 * <pre>
 *   DuckDbWeekly RAW OUT COUNTRIES_CSV [MEMORY_LIMIT]      writes OUT/weekly.parquet
 * </pre>
 *
 * <p>Each event's day is its local date in the reporting country's zone, as in the pipeline: {@code timezone()} with
 * the zone of {@code conf/countries.csv}, joined on the reporting country. DuckDB uses all cores, as Spark's
 * {@code local[*]} does; its memory limit defaults to 4GB, the heap the Spark runs get.
 */
public final class DuckDbWeekly {

  private DuckDbWeekly() {}

  public static void main(String[] args) throws SQLException, java.io.IOException {
    if (args.length < 3) {
      System.err.println("usage: DuckDbWeekly RAW OUT COUNTRIES_CSV [MEMORY_LIMIT]");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    long began = System.nanoTime();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("SET memory_limit = '" + (args.length > 3 ? args[3] : "4GB") + "'");
      st.execute("COPY (" + weeklySql(args[0], args[2]) + ") TO '" + out.resolve("weekly.parquet")
          + "' (FORMAT parquet)");
      try (ResultSet rs = st.executeQuery("SELECT count(*), current_setting('threads') FROM read_parquet('"
          + out.resolve("weekly.parquet") + "')")) {
        rs.next();
        System.out.printf("duckdb-weekly: %,d weekly rows in %s, %.1f s (%s threads)%n", rs.getLong(1), out,
            (System.nanoTime() - began) / 1e9, rs.getString(2));
      }
    }
  }

  /** Entries and exits per reporting country, citizenship and ISO week of the local date. */
  static String weeklySql(String raw, String countriesCsv) {
    return "SELECT reporting_country, citizenship, CAST(isoyear(day) AS INTEGER) AS iso_year,"
        + " CAST(week(day) AS INTEGER) AS iso_week,"
        + " count(*) FILTER (WHERE direction = 'ENTRY') AS entries,"
        + " count(*) FILTER (WHERE direction = 'EXIT') AS exits"
        + " FROM (SELECT e.reporting_country, e.citizenship, e.direction,"
        + "   CAST(timezone(c.time_zone, CAST(e.event_time AS TIMESTAMPTZ)) AS DATE) AS day"
        + "   FROM read_parquet('" + raw + "/crossing_events/*/**/*.parquet', hive_partitioning = false) e"
        + "   JOIN read_csv('" + countriesCsv + "', header = true) c ON e.reporting_country = c.alpha2)"
        + " GROUP BY ALL";
  }
}
