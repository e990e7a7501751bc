package org.borderflow.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.ingest.SourceKind;
import org.borderflow.jobs.Borderflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
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
class CrashSafetyTest extends PublishFixture {

  private static final Pattern SPARK_JVM_OPTIONS =
      Pattern.compile("<spark\\.jvm\\.options>(.*?)</spark\\.jvm\\.options>", Pattern.DOTALL);
  private static final String BEFORE_STAGE = "before-stage-";
  private static final String AFTER_STAGE = "after-stage-";
  private static final String AFTER_TABLE = "after-table-";
  private static final String HORIZON = "borderflow.incremental.lateness-horizon-days=365";

  @TempDir
  static Path dir;
  /** The published output of version 1, copied afresh for each killed run. */
  static Path versionOne;
  /** The landing zone of version 2: the killed runs, the recovering runs and the clean reference run read it. */
  static Path changedRaw;
  static Map<String, List<String>> v1;
  static Map<String, List<String>> v2;

  @BeforeAll
  static void publishVersionOneAndComputeVersionTwo() {
    Path raw = smallLandingZone(dir.resolve("raw"));
    versionOne = dir.resolve("version-1");
    runPipeline(raw, versionOne);
    v1 = publishedRows(versionOne);

    changedRaw = dir.resolve("raw-changed");
    copyTree(raw, changedRaw);
    redeliverKazakhstan(changedRaw);
    addFinnishNationalSource(changedRaw);
    // A few traveller events, so that the person-level tables (empty in version 1) change too.
    writeEvents(changedRaw, "fi_events", "2022-10-31", travellerEvents(20));
    Path clean = dir.resolve("version-2-clean");
    runPipeline(changedRaw, clean);
    v2 = publishedRows(clean);
    for (String table : TABLES) {
      assertNotEquals(v1.get(table), v2.get(table),
          table + ": the changed input must change every table, or 'version 1 or version 2' proves nothing");
    }
  }

  /**
   * A national Finnish daily summary for one day: it outranks Frontex for that unit, so Frontex's rows are set
   * aside and source_reconciliation gains rows.
   */
  private static void addFinnishNationalSource(Path raw) {
    Dataset<Row> frontex = spark.read().schema(SourceKind.DAILY_COUNTS.schema())
        .parquet(raw.resolve("daily_counts/frontex").toString());
    frontex.where(col("reporting_country").equalTo("FI").and(col("date").equalTo(lit(date("2022-10-10")))))
        .withColumn("crossings", col("crossings").plus(3L))
        .select(Arrays.stream(SourceKind.DAILY_COUNTS.schema().fieldNames()).map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new))
        .coalesce(1).write().parquet(raw.resolve("daily_counts/fi_border_guard/ingest_date=2022-10-11").toString());
  }

  /**
   * A later Kazakhstan delivery: 2022-09-26 (in the window of the default event) restated with 1,000 more
   * entries, which moves crossings_daily, net_remaining_weekly, exodus_estimates and exodus_context; and one row
   * with negative crossings, which adds a row to rejected_records.
   */
  private static void redeliverKazakhstan(Path raw) {
    Path source = raw.resolve("daily_counts/kz_mvd");
    Dataset<Row> delivered = spark.read().parquet(source.resolve("ingest_date=2022-10-31").toString());
    Dataset<Row> restated = delivered.where(col("date").equalTo(lit(date("2022-09-26"))))
        .withColumn("crossings", col("crossings").plus(1_000L));
    Dataset<Row> invalid = delivered.where(col("date").equalTo(lit(date("2022-09-27"))))
        .withColumn("crossings", lit(-5L));
    assertEquals(2, restated.union(invalid).count(), "one Kazakhstan row per day in sample-data");
    restated.union(invalid).coalesce(1).write().parquet(source.resolve("ingest_date=2022-11-01").toString());
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
    Map<String, List<String>> expected = new LinkedHashMap<>(v1);
    newTables.forEach(table -> expected.put(table, v2.get(table)));
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
    assertSameTables(committed ? v2 : v1, publishedRows(recovered),
        "recover after a kill at " + point + " must " + (committed ? "roll version 2 forward" : "keep version 1"));

    runPipeline(changedRaw, out);
    assertEquals(List.of(), children(out.resolve(TablePublisher.STAGING)), "_staging after the recovering run");
    assertSameTables(v2, publishedRows(out), "after the recovering run, the tables of a clean run over its input");
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

  /** Runs the pipeline in a child JVM that halts at {@code point}; returns its exit status. */
  /**
   * The same kills in an incremental run ({@code --incremental}) that adds the changed files to the state of
   * version 1. The state is published in the same swap as the tables: wherever the run dies, once {@code recover}
   * has run, the tables and {@code _state} are of one version (the state's version is the run id of the newest
   * manifest), and the next incremental run uses that state, does not fall back to a full run, and publishes what a
   * clean run over the changed input publishes. The state is renamed after the tables, then its events batch.
   */
  @ParameterizedTest(name = "incremental run killed at {0}")
  @ValueSource(strings = {"before-stage-crossings_daily", "after-stage-net_remaining_weekly", "after-journal",
      "after-table-quality_checks", "after-table-_state/summary", "before-manifest"})
  void aKilledIncrementalRunLeavesTablesAndStateOfOneVersion(String point) throws Exception {
    Path base = dir.resolve("incremental-version-1");
    if (!Files.exists(base)) {
      // Version 1 and its state over the landing zone's own path, as it was before the changed files arrived.
      Path aside = dir.resolve("raw-changed-aside");
      Files.move(changedRaw, aside);
      copyTree(dir.resolve("raw"), changedRaw);
      assertEquals(0, Borderflow.execute(incremental(changedRaw, base)));
      try (java.util.stream.Stream<Path> files = Files.walk(changedRaw)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.move(aside, changedRaw);
    }
    Path out = dir.resolve("incremental-killed-at-" + point.replace('/', '-'));
    copyTree(base, out);
    assertEquals(137, runKilledAt(point, out, "--incremental", "--set", HORIZON), "the child JVM must halt at " + point);

    TablePublisher.recover(new org.apache.hadoop.fs.Path(out.toUri()), spark.sparkContext().hadoopConfiguration());
    boolean committed = point.equals("after-journal") || point.startsWith(AFTER_TABLE)
        || point.equals("before-manifest");
    assertSameTables(committed ? v2 : v1, publishedRows(out), "tables after a kill at " + point + " and recover");
    List<JsonNode> runs = manifests(out);
    JsonNode state = new ObjectMapper().readTree(out.resolve("_state/summary/state.json").toFile());
    assertEquals(runs.get(runs.size() - 1).get("run_id").asText(), state.get("version").asText(),
        "the state is of the version of the tables: the newest manifest's run");

    assertEquals(0, Borderflow.execute(incremental(changedRaw, out)));
    List<JsonNode> after = manifests(out);
    assertEquals("incremental", after.get(after.size() - 1).get("incremental").get("mode").asText(),
        "the state left by the killed run is usable: " + after.get(after.size() - 1).get("incremental"));
    assertSameTables(v2, publishedRows(out), "after the next incremental run, the tables of a clean run");
  }

  private static String[] incremental(Path raw, Path out) {
    // The traveller events of version 2 reach back two months: within the horizon, so that they are an increment.
    List<String> args = new ArrayList<>(pipelineArguments(raw, out, HORIZON));
    args.add("--incremental");
    return args.toArray(String[]::new);
  }

  private static int runKilledAt(String point, Path out, String... extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmOptions());
    // A short-lived driver over 1,700 rows: the C1 compiler and the serial collector halve its CPU time, and
    // interpreted expressions save compiling generated code that runs over a few rows once (9% of the test's CPU).
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dspark.sql.codegen.wholeStage=false", "-Dspark.sql.codegen.factoryMode=NO_CODEGEN"));
    command.addAll(List.of("-Duser.timezone=UTC", "-Dborderflow.test.die-at=" + point,
        "-Dlog4j2.configurationFile=" + PROJECT.resolve("src/test/resources/log4j2-test.properties"),
        // Spark reads spark.* system properties: no UI, loopback driver, as in the test session.
        "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", System.getProperty("java.class.path"), "org.borderflow.jobs.Borderflow"));
    command.addAll(pipelineArguments(changedRaw, out));
    command.addAll(List.of(extra));
    Path log = dir.resolve(point.replace('/', '-') + (extra.length > 0 ? "-incremental" : "") + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TZ", "UTC");
    Process child = builder.start();
    if (!child.waitFor(3, TimeUnit.MINUTES)) {
      child.destroyForcibly().waitFor();
      fail("the child JVM killed at " + point + " did not end within 3 minutes:\n" + tail(log));
    }
    return child.exitValue();
  }

  /** The JVM options pom.xml gives the test JVM (Spark's module opens): surefire does not pass them on. */
  private static List<String> sparkJvmOptions() throws IOException {
    Matcher m = SPARK_JVM_OPTIONS.matcher(Files.readString(PROJECT.resolve("pom.xml")));
    assertTrue(m.find(), "pom.xml defines spark.jvm.options");
    return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
  }

  private static List<Path> children(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.sorted().toList();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
