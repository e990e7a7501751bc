package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison behind the cluster smoke run, on tiny outputs written by DuckDB (no Spark needed). */
class PublishedTablesDiffTest {

  private static final String ROWS = "(values ('FI', 'RU', 10, 0.1::double + 0.2::double), ('EE', 'RU', 7, 1.5), ('FI', 'BY', 3, 2.25))";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  /** One output root with a SUCCEEDED manifest and one table, {@code weekly}, partitioned by citizenship. */
  private Path output(String name, String rows) throws IOException, SQLException {
    Path out = dir.resolve(name);
    Files.createDirectories(out.resolve("_runs"));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      st.execute("copy (select reporting_country, citizenship, entries::bigint as entries, ratio::double as ratio "
          + "from " + rows + " t(reporting_country, citizenship, entries, ratio)) to '"
          + out.resolve("weekly") + "' (format parquet, partition_by (citizenship))");
    }
    Files.writeString(out.resolve("_runs/20221130T000000Z-0000.json"), """
        {"status": "SUCCEEDED", "sources": [{"source": "frontex", "read": 3}], "tables": {"weekly": {"rows": 3}}}""");
    return out;
  }

  private List<String> compare(Path expected, Path actual) throws IOException, SQLException {
    return new PublishedTablesDiff(new PrintStream(logged, true, StandardCharsets.UTF_8)).compare(expected, actual);
  }

  @Test
  void sameRowsInAnotherOrderAndDoublesDifferingInTheLastBitsAreEqual() throws Exception {
    Path local = output("local", ROWS);
    Path cluster = output("cluster",
        "(values ('FI', 'BY', 3, 2.25), ('EE', 'RU', 7, 1.5), ('FI', 'RU', 10, 0.3))");
    assertEquals(List.of(), compare(local, cluster));
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("3 rows expected, 0 missing, 0 unexpected"));
  }

  @Test
  void aChangedRowIsShownOnBothSides() throws Exception {
    Path local = output("local", ROWS);
    Path cluster = output("cluster", ROWS.replace("('EE', 'RU', 7", "('EE', 'RU', 8"));
    List<String> differences = compare(local, cluster);
    assertEquals(2, differences.size(), differences.toString());
    assertTrue(differences.get(0).startsWith("weekly: 1 expected rows missing"), differences.get(0));
    assertTrue(differences.get(0).contains("reporting_country=EE, entries=7"), differences.get(0));
    assertTrue(differences.get(1).contains("reporting_country=EE, entries=8"), differences.get(1));
  }

  @Test
  void aTableMissingFromOneManifestIsADifference() throws Exception {
    Path local = output("local", ROWS);
    Path cluster = output("cluster", ROWS);
    Files.writeString(cluster.resolve("_runs/20221130T000000Z-0000.json"),
        "{\"status\": \"SUCCEEDED\", \"sources\": [{\"source\": \"frontex\", \"read\": 3}], \"tables\": {}}");
    assertEquals(List.of("tables: expected [weekly], got []"), compare(local, cluster));
  }

  @Test
  void aTableThatDoesNotHoldTheRowsItsManifestCountedIsADifference() throws Exception {
    Path local = output("local", ROWS);
    Path cluster = output("cluster", ROWS);
    Path manifest = cluster.resolve("_runs/20221130T000000Z-0000.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"rows\": 3", "\"rows\": 4"));
    assertEquals(List.of("weekly: manifest rows expected 3, got 4",
        "weekly: 3 rows read in " + cluster + ", its manifest says 4"), compare(local, cluster));
  }

  @Test
  void anOutputWithoutASucceededRunCannotBeCompared() throws Exception {
    Path local = output("local", ROWS);
    Path failed = output("failed", ROWS);
    Files.writeString(failed.resolve("_runs/20221130T000000Z-0000.json"), "{\"status\": \"FAILED\"}");
    IOException e = assertThrows(IOException.class, () -> compare(local, failed));
    assertTrue(e.getMessage().startsWith("no SUCCEEDED run manifest in "), e.getMessage());
  }
}
