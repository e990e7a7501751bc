package org.borderflow.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares two output roots as a reader sees them: the newest SUCCEEDED manifest of each (tables, row counts,
 * per-source accounting), then every table's rows regardless of order, read with DuckDB rather than Spark.
 * DOUBLE columns are compared to 12 significant digits: a distributed sum may add in another order and move the last
 * bits. Main class of the comparison step in {@code jobs/cluster-smoke.sh}:
 * <pre>java -cp target/test-classes:&lt;test classpath&gt; org.borderflow.publish.PublishedTablesDiff EXPECTED ACTUAL</pre>
 * Exit status 0 when both publish the same rows, 1 when they differ, 2 when an output cannot be read.
 */
public final class PublishedTablesDiff {

  private static final int SHOWN_ROWS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream log;

  public PublishedTablesDiff(PrintStream log) {
    this.log = log;
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: PublishedTablesDiff EXPECTED_OUT ACTUAL_OUT");
      System.exit(2);
    }
    int status;
    try {
      List<String> differences = new PublishedTablesDiff(System.out).compare(Path.of(args[0]), Path.of(args[1]));
      differences.forEach(d -> System.out.println("DIFFERENT " + d));
      status = differences.isEmpty() ? 0 : 1;
    } catch (IOException | SQLException e) {
      System.err.println("PublishedTablesDiff: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** Every difference found, each as one readable line; empty when both outputs publish the same rows. */
  public List<String> compare(Path expected, Path actual) throws IOException, SQLException {
    JsonNode want = latestSucceeded(expected);
    JsonNode got = latestSucceeded(actual);
    List<String> differences = new ArrayList<>();
    Set<String> tables = new TreeSet<>();
    want.get("tables").fieldNames().forEachRemaining(tables::add);
    Set<String> gotTables = new TreeSet<>();
    got.get("tables").fieldNames().forEachRemaining(gotTables::add);
    if (!tables.equals(gotTables)) {
      differences.add("tables: expected " + tables + ", got " + gotTables);
    }
    if (!want.get("sources").equals(got.get("sources"))) {
      differences.add("per-source accounting: expected " + want.get("sources") + ", got " + got.get("sources"));
    }
    tables.retainAll(gotTables);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String table : tables) {
        long wantRows = want.get("tables").get(table).get("rows").asLong();
        long gotRows = got.get("tables").get(table).get("rows").asLong();
        if (wantRows != gotRows) {
          differences.add(table + ": manifest rows expected " + wantRows + ", got " + gotRows);
        }
        differences.addAll(readsAsManifested(st, table, expected, wantRows));
        differences.addAll(readsAsManifested(st, table, actual, gotRows));
        differences.addAll(compareRows(st, table, expected.resolve(table), actual.resolve(table)));
      }
    }
    return differences;
  }

  private static List<String> readsAsManifested(Statement st, String table, Path out, long manifestRows)
      throws SQLException {
    long rows = scalar(st, "select count(*) from " + reader(out.resolve(table)));
    return rows == manifestRows ? List.of()
        : List.of(table + ": " + rows + " rows read in " + out + ", its manifest says " + manifestRows);
  }

  private List<String> compareRows(Statement st, String table, Path expected, Path actual) throws SQLException {
    List<String> differences = new ArrayList<>();
    List<String[]> columns = columns(st, expected);
    List<String[]> gotColumns = columns(st, actual);
    if (!sameColumns(columns, gotColumns)) {
      differences.add(table + ": columns expected " + describe(columns) + ", got " + describe(gotColumns));
      return differences;
    }
    String select = columns.stream().map(PublishedTablesDiff::comparable).collect(Collectors.joining(", "));
    String want = "select " + select + " from " + reader(expected);
    String got = "select " + select + " from " + reader(actual);
    long rows = scalar(st, "select count(*) from " + reader(expected));
    long missing = scalar(st, "select count(*) from (" + want + " except all " + got + ")");
    long unexpected = scalar(st, "select count(*) from (" + got + " except all " + want + ")");
    if (missing > 0) {
      differences.add(table + ": " + missing + " expected rows missing, e.g. " + sample(st, want, got));
    }
    if (unexpected > 0) {
      differences.add(table + ": " + unexpected + " unexpected rows, e.g. " + sample(st, got, want));
    }
    log.printf("  %-22s %8d rows expected, %d missing, %d unexpected%n", table, rows, missing, unexpected);
    return differences;
  }

  /** The newest manifest that says SUCCEEDED: run ids start with their UTC start time, so names sort by time. */
  static JsonNode latestSucceeded(Path out) throws IOException {
    Path runs = out.resolve("_runs");
    if (!Files.isDirectory(runs)) {
      throw new IOException("no run manifests in " + runs);
    }
    List<Path> manifests;
    try (var files = Files.list(runs)) {
      manifests = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    JsonNode latest = null;
    for (Path manifest : manifests) {
      JsonNode doc = JSON.readTree(manifest.toFile());
      if ("SUCCEEDED".equals(doc.path("status").asText())) {
        latest = doc;
      }
    }
    if (latest == null) {
      throw new IOException("no SUCCEEDED run manifest in " + runs);
    }
    return latest;
  }

  private static String reader(Path table) {
    return "read_parquet('" + table.toString().replace("'", "''") + "/**/*.parquet', hive_partitioning = true)";
  }

  private static List<String[]> columns(Statement st, Path table) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("describe select * from " + reader(table))) {
      while (rs.next()) {
        columns.add(new String[] {rs.getString("column_name"), rs.getString("column_type")});
      }
    }
    return columns;
  }

  private static boolean sameColumns(List<String[]> a, List<String[]> b) {
    return describe(a).equals(describe(b));
  }

  private static String describe(List<String[]> columns) {
    return columns.stream().map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String comparable(String[] column) {
    String name = '"' + column[0].replace("\"", "\"\"") + '"';
    boolean floating = column[1].equals("DOUBLE") || column[1].equals("FLOAT");
    return floating ? "printf('%.12g', " + name + ") as " + name : name;
  }

  private static long scalar(Statement st, String query) throws SQLException {
    try (ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A few rows of {@code left} that {@code right} lacks, one per line, columns as name=value. */
  private static String sample(Statement st, String left, String right) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(
        "select * from (" + left + " except all " + right + ") order by all limit " + SHOWN_ROWS)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getMetaData().getColumnName(i) + "=" + rs.getString(i));
        }
        rows.add(String.join(", ", cells));
      }
    }
    return "\n    " + String.join("\n    ", rows);
  }
}
