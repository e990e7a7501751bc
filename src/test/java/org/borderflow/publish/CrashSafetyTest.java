package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills the driver JVM at the publishing points of {@link PublishFaults} (Runtime.halt(137): no shutdown hook, no
 * finally block, as kill -9) and checks the promise of contract section 2 ("a failed run leaves the previously
 * published version intact") and of the README's "Publishing" paragraph.
 *
 * <p>Version 1 is published in this JVM over the small landing zone. Each killed run is a child JVM over a changed
 * landing zone (one re-delivered Kazakhstan file that raises one day's entries and adds one invalid row), so that
 * version 2 differs from version 1 in every table. Before anything repairs the output, each table must read back
 * whole as version 1 or as version 2 (row for row, see {@link PublishFixture#text}); then a normal run must recover, succeed, leave {@code _staging} empty and
 * publish exactly what a clean run over the changed input publishes.
 */
class CrashSafetyTest extends CrashFixture {

  /** Builds the two versions (once per JVM) before the first kill, so that a failure there is reported here. */
  @BeforeAll
  static void publishVersionOneAndComputeVersionTwo() {
    v1();
  }

  /*
   * What each point proves:
   * - before-stage-crossings_daily: input read and validated, nothing written yet. The published tables are
   *   untouched and no staging directory exists: there is nothing to sweep.
   * - after-stage-net_remaining_weekly: three of five tables staged, no journal. Half a new version sits in
   *   _staging and none of it is visible; the next run must sweep it, not publish it.
   * - after-journal: everything staged and the journal written, no rename done. Readers still see version 1;
   *   the next run must roll forward from the journal.
   * - after-table-net_remaining_weekly: killed between two renames. Each table is complete, but the tables the
   *   journal lists up to net_remaining_weekly are version 2 while the later ones (exodus_estimates,
   *   exodus_context) are still version 1: a reader who joins tables across that moment sees two versions, each
   *   table whole, until the next run completes the renames. No table is ever missing or half written.
   * - before-manifest: every table is version 2 and the run's manifest still says PUBLISHING: a reader who
   *   checks the newest manifest is told the tables are mid-swap, never shown version 1's counts as current.
   *   From the journal on, the newest manifest says PUBLISHING; the next run completes the swap and writes its
   *   own SUCCEEDED manifest.
   */
  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"before-stage-crossings_daily", "after-stage-net_remaining_weekly", "after-journal",
      "after-table-net_remaining_weekly", "before-manifest"})
  void aKilledRunLeavesWholeTablesAndTheNextRunRecovers(String point) throws Exception {
    Path out = dir.resolve("killed-at-" + point);
    copyTree(versionOne, out);
    int status = runKilledAt(point, out);
    assertEquals(137, status, "the child JVM must halt at " + point + ":\n" + tail(dir.resolve(point + ".log")));

    assertKilledWhereAsked(point, stagedTables(out));
    List<String> journal = journal(out);
    boolean journalExpected = point.equals("after-journal") || point.startsWith(AFTER_TABLE);
    assertEquals(journalExpected, journal != null, "a journal in _staging after a kill at " + point);
    List<String> newTables = newTablesAt(point, journal);
    Map<String, List<String>> expected = new LinkedHashMap<>(v1());
    newTables.forEach(table -> expected.put(table, v2().get(table)));
    Map<String, List<String>> seen = publishedRows(out);
    assertSameTables(expected, seen, "what a reader sees after a kill at " + point + " (version 2: " + newTables + ")");
    assertRowCountsWithDuckDb(out, seen);
    boolean publishing = journalExpected || point.equals("before-manifest");
    List<String> before = publishing ? List.of(RunManifest.SUCCEEDED, RunManifest.PUBLISHING)
        : List.of(RunManifest.SUCCEEDED);
    assertEquals(before, manifests(out).stream().map(m -> m.get("status").asText()).toList(),
        "the newest manifest says PUBLISHING from the journal on, and nothing of the killed run before it");

    // What the next run does first, tried on a copy so that its effect shows alone: a journal means the killed run
    // had staged everything, so its renames are completed; without one its staging is swept.
    Path recovered = dir.resolve("recovered-after-" + point);
    copyTree(out, recovered);
    TablePublisher.recover(new org.apache.hadoop.fs.Path(recovered.toUri()), spark.sparkContext().hadoopConfiguration());
    assertEquals(List.of(), children(recovered.resolve(TablePublisher.STAGING)), "_staging after recover");
    boolean committed = journal != null || point.equals("before-manifest");
    assertSameTables(committed ? v2() : v1(), publishedRows(recovered),
        "recover after a kill at " + point + " must " + (committed ? "roll version 2 forward" : "keep version 1"));

    runPipeline(changedRaw, out);
    assertEquals(List.of(), children(out.resolve(TablePublisher.STAGING)), "_staging after the recovering run");
    assertSameTables(v2(), publishedRows(out), "after the recovering run, the tables of a clean run over its input");
    List<String> after = new java.util.ArrayList<>(before);
    after.add(RunManifest.SUCCEEDED);
    assertEquals(after, manifests(out).stream().map(m -> m.get("status").asText()).toList());
  }

  /** The tables a reader must see as version 2 after a kill at {@code point}; all others are version 1. */
  private static List<String> newTablesAt(String point, List<String> journal) {
    if (point.equals("before-manifest")) {
      return TABLES;
    }
    if (point.startsWith(AFTER_TABLE)) {
      // The renames follow the journal's order; the kill comes right after the named table's rename.
      int last = journal.indexOf(point.substring(AFTER_TABLE.length()));
      assertTrue(last >= 0, point + " names a table of the journal " + journal);
      assertTrue(last < journal.size() - 1, point + " must leave tables unrenamed for this test to mean much");
      return journal.subList(0, last + 1);
    }
    return List.of();
  }

  /** The staged tables say how far the killed run got: it must be where it was asked to die. */
  private static void assertKilledWhereAsked(String point, List<String> staged) {
    String message = "staged after a kill at " + point + ": " + staged;
    if (point.startsWith(BEFORE_STAGE)) {
      assertFalse(staged.contains(point.substring(BEFORE_STAGE.length())), message);
    } else if (point.startsWith(AFTER_STAGE)) {
      assertTrue(staged.contains(point.substring(AFTER_STAGE.length())), message);
    } else if (point.startsWith(AFTER_TABLE)) {
      assertFalse(staged.contains(point.substring(AFTER_TABLE.length())), message + " (renamed into place)");
    } else if (point.equals("after-journal")) {
      assertEquals(TABLES.stream().sorted().toList(), staged.stream().sorted().toList(), message);
    } else {
      assertEquals(List.of(), staged, message);
    }
  }

  /** The tables staged by the interrupted run and not yet renamed into place. */
  private static List<String> stagedTables(Path out) throws IOException {
    List<String> staged = new ArrayList<>();
    for (Path run : children(out.resolve(TablePublisher.STAGING))) {
      children(run).stream().map(p -> p.getFileName().toString()).filter(TABLES::contains).forEach(staged::add);
    }
    return staged;
  }

  /** The tables named by the journal of the interrupted run, or null when no run left one. */
  private static List<String> journal(Path out) throws IOException {
    for (Path run : children(out.resolve(TablePublisher.STAGING))) {
      Path journal = run.resolve(TablePublisher.JOURNAL);
      if (Files.exists(journal)) {
        return Arrays.asList(Files.readString(journal).split("\n"));
      }
    }
    return null;
  }

  /**
   * Counts every table as a notebook would, with DuckDB's glob over the folder: a stray or partial Parquet file,
   * in a folder Spark skips such as {@code _temporary}, would show here.
   */
  private static void assertRowCountsWithDuckDb(Path out, Map<String, List<String>> seen) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = st.executeQuery("select count(*) from read_parquet('" + out.resolve(table)
            + "/**/*.parquet', hive_partitioning = true)")) {
          rs.next();
          assertEquals(seen.get(table).size(), rs.getLong(1), table + " rows read by DuckDB");
        }
      }
    }
  }

  private static int runKilledAt(String point, Path out) throws Exception {
    return runKilledAt(point, out, dir.resolve(point + ".log"));
  }
}
