package org.borderflow.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.borderflow.SparkTestBase;
import org.borderflow.ingest.SourceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduler command line: --from/--to rewrites exactly the weeks it touches; --dry-run writes nothing. */
class RecomputeWeeksTest extends SparkTestBase {

  static final Path PROJECT = Path.of(System.getProperty("borderflow.project.dir", "."));

  @TempDir
  static Path dir;
  static Path raw;
  static Path out;

  @BeforeAll
  static void publishFrontexSample() throws IOException {
    raw = dir.resolve("raw");
    copyTree(PROJECT.resolve("sample-data/daily_counts/frontex"), raw.resolve("daily_counts/frontex"));
    out = dir.resolve("out");
    assertEquals(0, run("--as-of", "2022-11-30"));
  }

  private static int run(String... extra) {
    String[] base = {"pipeline", "--raw", raw.toString(), "--out", out.toString(), "--set",
        "borderflow.estimate.events=[]"};
    return Borderflow.execute(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  /** Relative path to content hash and modification time of every data file of a table. */
  private static Map<String, String> files(Path table) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(table)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        files.put(table.relativize(p).toString(), hash + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  private static long finlandRussianEntries(String day) {
    return spark.read().parquet(out.resolve(PipelineRun.CROSSINGS_DAILY).toString())
        .where("reporting_country = 'FI' and citizenship = 'RU' and direction = 'ENTRY' and date = '" + day + "'")
        .first().getLong(spark.read().parquet(out.resolve(PipelineRun.CROSSINGS_DAILY).toString()).schema()
            .fieldIndex("crossings"));
  }

  @Test
  void fromToReplacesExactlyTheWeeksItTouches() throws Exception {
    long w38Before = finlandRussianEntries("2022-09-20");
    Map<String, String> before = files(out.resolve(PipelineRun.CROSSINGS_DAILY));
    // A correction for one day in 2022-W40 and one in W38; only W40 is recomputed.
    spark.createDataFrame(java.util.List.of(
            RowFactory.create(date("2022-10-04"), "FI", null, null, "RU", "ENTRY", 999L, null),
            RowFactory.create(date("2022-09-20"), "FI", null, null, "RU", "ENTRY", 1L, null)),
        SourceKind.DAILY_COUNTS.schema()).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(raw.resolve("daily_counts/frontex/ingest_date=2022-11-15").toString());

    assertEquals(0, run("--as-of", "2022-11-30", "--from", "2022-10-04", "--to", "2022-10-05"));

    Map<String, String> after = files(out.resolve(PipelineRun.CROSSINGS_DAILY));
    int untouched = 0;
    for (var e : before.entrySet()) {
      if (e.getKey().startsWith("week_start=2022-10-03")) {
        assertFalse(after.containsKey(e.getKey()) && after.get(e.getKey()).equals(e.getValue()),
            "W40 was rewritten: " + e.getKey());
      } else {
        assertEquals(e.getValue(), after.get(e.getKey()), "byte-for-byte untouched: " + e.getKey());
        untouched++;
      }
    }
    assertEquals(before.size() - 1, untouched, "every other week's file is still there");
    assertEquals(999L, finlandRussianEntries("2022-10-04"), "the recomputed week has the correction");
    assertEquals(w38Before, finlandRussianEntries("2022-09-20"), "a week outside the range keeps its value");
    long w40 = spark.read().parquet(out.resolve(PipelineRun.NET_REMAINING_WEEKLY).toString())
        .where("reporting_country = 'FI' and citizenship = 'RU' and week_label = '2022-W40'")
        .first().getAs("entries");
    assertTrue(w40 < 999 + 7 * 1000, "weekly table rebuilt from the recomputed week: " + w40);
    assertNotEquals(0, w40);
    assertFalse(Files.exists(out.resolve("_staging")) && Files.list(out.resolve("_staging")).findAny().isPresent(),
        "nothing left in staging");
  }

  @Test
  void dryRunPrintsThePlanAndWritesNothing() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Path nowhere = dir.resolve("never-written");
    int status;
    try {
      System.setOut(new PrintStream(captured, true));
      status = Borderflow.execute("pipeline", "--raw", raw.toString(), "--out", nowhere.toString(), "--dry-run",
          "--as-of", "2022-11-30");
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, status);
    String plan = captured.toString();
    assertTrue(plan.contains("source daily_counts/frontex (priority 300, canonical)"), plan);
    assertTrue(plan.contains("days 2022-08-01..2022-09-25"), plan);
    assertTrue(plan.contains("weeks affected"), plan);
    assertFalse(Files.exists(nowhere), "a dry run creates nothing");
  }

  @Test
  void fromWithoutToIsABadArgument() {
    assertEquals(2, run("--from", "2022-10-04"));
    assertEquals(2, run("--from", "2022-10-04", "--to", "2022-10-01"));
  }
}
