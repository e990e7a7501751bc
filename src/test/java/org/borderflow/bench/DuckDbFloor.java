package org.borderflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the DuckDB floors of the benchmark share, so that (c) and (d) run under the same settings: the arguments
 * {@code RAW OUT COUNTRIES_CSV [MEMORY_LIMIT]}, a UTC session, DuckDB's default of one thread per core (as Spark's
 * {@code local[*]}), a memory limit of 4GB by default (the heap the Spark runs get) with a spill folder under the
 * output, and one timing line.
 */
final class DuckDbFloor {

  /** The floor's work on an open connection; returns what it wrote, for the timing line ("7,964 weekly rows"). */
  interface Work {
    String write(Statement st, String raw, Path out, String countriesCsv) throws SQLException;
  }

  private DuckDbFloor() {}

  /** Runs {@code work} for the main class {@code mainClass}; {@code name} begins the timing line. */
  static void run(String name, String mainClass, String[] args, Work work) throws SQLException, java.io.IOException {
    if (args.length < 3) {
      System.err.println("usage: " + mainClass + " RAW OUT COUNTRIES_CSV [MEMORY_LIMIT]");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    long began = System.nanoTime();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("SET memory_limit = '" + (args.length > 3 ? args[3] : "4GB") + "'");
      // As a careful user would: spill to disk rather than fail at the limit (an in-memory database has no
      // spill folder of its own; 50M events need one), and no row order kept that no query asks for.
      st.execute("SET temp_directory = '" + out.resolve("duckdb-spill") + "'");
      st.execute("SET preserve_insertion_order = false");
      String written = work.write(st, args[0], out, args[2]);
      System.out.printf("%s: %s in %s, %.1f s (%s threads)%n", name, written, out, (System.nanoTime() - began) / 1e9,
          scalar(st, "SELECT current_setting('threads')"));
    }
  }

  /** The row count of a Parquet file, grouped by thousands. */
  static String rows(Statement st, Path parquet) throws SQLException {
    return String.format("%,d", Long.parseLong(scalar(st, "SELECT count(*) FROM read_parquet('" + parquet + "')")));
  }

  private static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
