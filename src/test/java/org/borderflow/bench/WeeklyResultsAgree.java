package org.borderflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks that the three contestants of the benchmark computed the same thing, so that their times compare like
 * with like: the weekly entries and exits of plain Spark, of DuckDB and, for the countries that deliver events, of
 * the pipeline's {@code net_remaining_weekly}. The pipeline counts events before daily counts for the same unit,
 * and the generated daily counts cover only units that have events, so its figures for those countries are the
 * events' own.
 *
 * <pre>
 *   WeeklyResultsAgree PLAIN_SPARK_OUT DUCKDB_OUT PIPELINE_OUT     exit 0 when all agree, 1 otherwise
 * </pre>
 */
public final class WeeklyResultsAgree {

  private static final String KEY = "reporting_country, citizenship, iso_year, iso_week";

  private WeeklyResultsAgree() {}

  public static void main(String[] args) throws SQLException {
    if (args.length != 3) {
      System.err.println("usage: WeeklyResultsAgree PLAIN_SPARK_OUT DUCKDB_OUT PIPELINE_OUT");
      System.exit(2);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("CREATE VIEW spark AS SELECT " + KEY + ", entries, exits FROM read_parquet('" + args[0]
          + "/*.parquet')");
      st.execute("CREATE VIEW duck AS SELECT " + KEY + ", entries, exits FROM read_parquet('" + args[1]
          + "/weekly.parquet')");
      st.execute("CREATE VIEW pipeline AS SELECT " + KEY + ", entries, exits FROM read_parquet('" + args[2]
          + "/net_remaining_weekly/**/*.parquet', hive_partitioning = true)"
          + " WHERE reporting_country IN (SELECT reporting_country FROM spark)");
      long rows = scalar(st, "SELECT count(*) FROM spark");
      long duckDiffers = differing(st, "spark", "duck");
      long pipelineDiffers = differing(st, "spark", "pipeline");
      System.out.printf("weekly rows: %,d; differing from plain Spark: DuckDB %d, pipeline %d%n", rows, duckDiffers,
          pipelineDiffers);
      System.exit(rows > 0 && duckDiffers == 0 && pipelineDiffers == 0 ? 0 : 1);
    }
  }

  private static long differing(Statement st, String left, String right) throws SQLException {
    return scalar(st, "SELECT count(*) FROM " + left + " l FULL JOIN " + right + " r USING (" + KEY + ")"
        + " WHERE l.entries IS DISTINCT FROM r.entries OR l.exits IS DISTINCT FROM r.exits");
  }

  private static long scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
