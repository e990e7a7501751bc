package org.borderflow.bench;

import java.sql.SQLException;

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
 * the zone of {@code conf/countries.csv}, joined on the reporting country. Threads and memory: {@link DuckDbFloor}.
 */
public final class DuckDbWeekly {

  private DuckDbWeekly() {}

  public static void main(String[] args) throws SQLException, java.io.IOException {
    DuckDbFloor.run("duckdb-weekly", "DuckDbWeekly", args, (st, raw, out, countries) -> {
      st.execute("COPY (" + weeklySql(raw, countries) + ") TO '" + out.resolve("weekly.parquet")
          + "' (FORMAT parquet)");
      return DuckDbFloor.rows(st, out.resolve("weekly.parquet")) + " weekly rows";
    });
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
