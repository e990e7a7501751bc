package org.borderflow.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.borderflow.SparkTestBase;
import org.borderflow.ingest.SourceKind;
import org.borderflow.publish.PublishedTablesDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs publish what a full run over every file publishes. A seeded random sequence of daily deliveries
 * (travellers entering and leaving Finland and Georgia across deliveries, around the mobilisation cohort window) is
 * run step by step with {@code --incremental} into one output, and from scratch without it into another; after each
 * step every table, the row counts and the per-source accounting must be equal. The steps add: a re-delivered event
 * file, a rejected event, a daily-counts correction restating an earlier day, a late event for a published week, a
 * rejected count, a source that appears late, a traveller whose cohort follow-up ends in a later delivery, then a
 * delivery beyond the lateness horizon and a consumed file rewritten (both full recomputes, with the reason in the
 * manifest), and increments after them: a traveller who enters in the cohort window, a week that moves the state's
 * horizon past that entry (the state keeps the traveller's carry), and the traveller's exit after it, with an event
 * id from before the horizon delivered again (a duplicate found through the id fingerprints). The horizon (3 days,
 * from the Monday on or before) moves twice among the increments.
 */
class IncrementalRunsTest extends SparkTestBase {

  private static final LocalDate START = LocalDate.parse("2022-09-05");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final Random random = new Random(13);
  /** Whether each traveller is in the country now, per source. */
  private final boolean[][] inside = new boolean[2][24];
  private int ids;

  @Test
  void everyStepPublishesWhatAFullRunPublishes() throws Exception {
    Path raw = dir.resolve("raw");
    Path incremental = dir.resolve("incremental");
    for (int day = 0; day < 14; day++) {
      deliverDay(raw, day, day, false);
    }
    assertStep(raw, incremental, "full", "no state");

    deliverDay(raw, 14, 14, false);
    // A re-delivered file: day 10's events again, and an event with a citizenship that is no code.
    copyFile(raw.resolve(eventsFolder("fi_border_guard", 10)), raw.resolve(eventsFolder("fi_border_guard", 14)
        + "-redelivered"));
    writeEvents(raw, "fi_border_guard", 14, "-rejected", List.<Object[]>of(event("fi_border_guard", 14, "FI", "t1", "XX",
        "ENTRY")));
    // A dry run names the new files an increment would read, and writes nothing.
    String plan = dryRun(raw, incremental);
    assertTrue(plan.contains("would read 4 new files"), plan);
    assertTrue(plan.contains("-redelivered/"), plan);
    assertStep(raw, incremental, "incremental", "usable");

    deliverDay(raw, 15, 15, false);
    // A correction of day 8's counts, a rejected count row, and an event of day 7 delivered late.
    writeCounts(raw, "frontex", 15, "-correction", List.<Object[]>of(
        count(8, "FI", "RU", "ENTRY", 777L), count(8, "LV", "RU", "EXIT", 55L), count(9, "LV", "RU", "EXIT", -3L)));
    writeEvents(raw, "fi_border_guard", 15, "-late", List.<Object[]>of(event("fi_border_guard", 7, "FI", "t3", "RU",
        "EXIT")));
    assertStep(raw, incremental, "incremental", "usable");

    // A source appearing late, with a week of history; a traveller entering in the cohort window.
    for (int day = 10; day <= 16; day++) {
      writeEvents(raw, "ge_mia", 16, "-" + day, dayEvents("ge_mia", 1, "GE", day));
    }
    deliverDay(raw, 16, 16, false);
    writeEvents(raw, "fi_border_guard", 16, "-span", List.<Object[]>of(event("fi_border_guard", 16, "FI", "span", "RU",
        "ENTRY")));
    assertStep(raw, incremental, "incremental", "usable");

    // Georgia's daily events now come with the day's delivery; the traveller who entered on day 16 leaves on day
    // 17, in the next delivery (one step, not two: each step costs an incremental and a full run).
    deliverDay(raw, 17, 17, true);
    writeEvents(raw, "fi_border_guard", 17, "-span", List.<Object[]>of(event("fi_border_guard", 17, "FI", "span", "RU",
        "EXIT")));
    JsonNode manifest = assertStep(raw, incremental, "incremental", "usable");
    assertEquals("[\"" + WeekRange.mondayOf(START.plusDays(17)) + "\"]",
        manifest.get("incremental").get("crossings_daily_weeks_rewritten").toString());
    // Day 17 moved the horizon from day 7 to day 14: the state was chosen anew from the events and carries.
    assertTrue(manifest.get("incremental").get("horizon_moved").asBoolean(), manifest.get("incremental").toString());

    // Older than the horizon (3 days in this test, from the Monday on or before: day 14 now): a full recompute,
    // and the manifest says why.
    writeEvents(raw, "fi_border_guard", 19, "-old", List.<Object[]>of(event("fi_border_guard", 1, "FI", "t5", "RU",
        "ENTRY")));
    assertStep(raw, incremental, "full", "late delivery");

    // A consumed file rewritten under its own path: a full recompute.
    Path consumed = raw.resolve("daily_counts/frontex/ingest_date=" + START.plusDays(12));
    writeCounts(raw, "frontex", 12, "-rewritten", List.<Object[]>of(count(12, "FI", "RU", "ENTRY", 5L)));
    moveOnto(raw.resolve("daily_counts/frontex/ingest_date=" + START.plusDays(12) + "-rewritten"), consumed);
    assertStep(raw, incremental, "full", "changed after it was consumed");

    // A traveller entering in the cohort window, still present when the horizon moves past the entry.
    deliverDay(raw, 19, 19, true);
    writeEvents(raw, "fi_border_guard", 19, "-open", List.<Object[]>of(event("fi_border_guard", 19, "FI", "open",
        "RU", "ENTRY")));
    assertStep(raw, incremental, "incremental", "usable");

    // A week more: the horizon moves from day 14 to day 21, and the state keeps only the carries before it.
    for (int day = 20; day <= 25; day++) {
      deliverDay(raw, day, day, true);
    }
    manifest = assertStep(raw, incremental, "incremental", "usable");
    assertTrue(manifest.get("incremental").get("horizon_moved").asBoolean(), manifest.get("incremental").toString());
    assertEquals(START.plusDays(21).toString(), manifest.get("incremental").get("horizon_start").asText());

    // The open traveller leaves: a cohort row whose entry lies before the horizon gets its exit. And the first
    // event's id comes again, dated today: a duplicate that only the fingerprints before the horizon can show.
    deliverDay(raw, 26, 26, true);
    writeEvents(raw, "fi_border_guard", 26, "-open", List.<Object[]>of(event("fi_border_guard", 26, "FI", "open",
        "RU", "EXIT")));
    Object[] repeated = event("fi_border_guard", 26, "FI", "t2", "RU", "ENTRY");
    repeated[0] = "fi_border_guard-0";
    writeEvents(raw, "fi_border_guard", 26, "-repeated", List.<Object[]>of(repeated));
    long duplicatesBefore = duplicates(manifest, "fi_border_guard");
    manifest = assertStep(raw, incremental, "incremental", "usable");
    assertFalse(manifest.get("incremental").get("horizon_moved").asBoolean(), manifest.get("incremental").toString());
    assertEquals(duplicatesBefore + 1, duplicates(manifest, "fi_border_guard"));

    // No event source left: a full run, whose state must hold no event batch of the earlier runs (they would be
    // read as the earlier events of the travellers of a later increment).
    try (Stream<Path> tree = Files.walk(raw.resolve("crossing_events"))) {
      tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertStep(raw, incremental, "full", "is no longer in the landing zone");
    try (Stream<Path> left = Files.walk(incremental.resolve("_state/events"))) {
      assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".parquet")).toList());
    }
  }

  /** Runs the step both ways and compares; returns the incremental run's manifest. */
  private JsonNode assertStep(Path raw, Path incremental, String mode, String reason) throws Exception {
    assertEquals(0, run(raw, incremental, "--incremental"));
    JsonNode manifest = latestManifest(incremental);
    assertEquals(mode, manifest.get("incremental").get("mode").asText(), manifest.get("incremental").toString());
    assertTrue(manifest.get("incremental").get("reason").asText().contains(reason),
        manifest.get("incremental").toString());
    Path full = Files.createTempDirectory(dir, "full");
    assertEquals(0, run(raw, full));
    List<String> differences = new PublishedTablesDiff(System.out).compare(full, incremental);
    assertEquals(List.of(), differences, "incremental run differs from a full run at state "
        + manifest.get("incremental"));
    return manifest;
  }

  private static long duplicates(JsonNode manifest, String source) {
    for (JsonNode s : manifest.get("sources")) {
      if (s.get("source").asText().equals(source)) {
        return s.get("duplicates").asLong();
      }
    }
    throw new AssertionError("no source " + source + " in " + manifest.get("sources"));
  }

  private static int run(Path raw, Path out, String... extra) {
    String[] base = {"pipeline", "--raw", raw.toString(), "--out", out.toString(), "--as-of", "2022-12-31",
        "--set", "borderflow.persons.min-cell-persons=1", "--set", "borderflow.incremental.lateness-horizon-days=3",
        "--set", "borderflow.quality.fail-on=none"};
    return Borderflow.execute(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  private static String dryRun(Path raw, Path out) {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run(raw, out, "--incremental", "--dry-run"));
    } finally {
      System.setOut(stdout);
    }
    return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  static JsonNode latestManifest(Path out) throws IOException {
    try (Stream<Path> runs = Files.list(out.resolve("_runs"))) {
      return JSON.readTree(runs.filter(p -> p.toString().endsWith(".json")).sorted().reduce((a, b) -> b)
          .orElseThrow().toFile());
    }
  }

  /** One day's delivery of the Finnish event source and of Frontex's counts, in the folder of day {@code folder}. */
  private void deliverDay(Path raw, int day, int folder, boolean withGeorgia) throws IOException {
    writeEvents(raw, "fi_border_guard", folder, "", dayEvents("fi_border_guard", 0, "FI", day));
    if (withGeorgia) {
      writeEvents(raw, "ge_mia", folder, "", dayEvents("ge_mia", 1, "GE", day));
    }
    writeCounts(raw, "frontex", folder, "", List.<Object[]>of(count(day, "FI", "RU", "ENTRY", 20L + random.nextInt(10)),
        count(day, "FI", "RU", "EXIT", 10L + random.nextInt(10)), count(day, "LV", "RU", "ENTRY",
            100L + random.nextInt(50)), count(day, "LV", "RU", "EXIT", 40L + random.nextInt(30))));
  }

  /** Some travellers cross each day: in if outside, out if inside; a few come back the same day. */
  private List<Object[]> dayEvents(String source, int s, String country, int day) {
    List<Object[]> rows = new ArrayList<>();
    for (int t = 0; t < inside[s].length; t++) {
      if (random.nextInt(3) == 0) {
        inside[s][t] = !inside[s][t];
        String citizenship = t % 5 == 0 ? "FI" : "RU";
        rows.add(event(source, day, country, "t" + t, citizenship, inside[s][t] ? "ENTRY" : "EXIT"));
      }
    }
    return rows;
  }

  private Object[] event(String source, int day, String country, String traveller, String citizenship,
                         String direction) {
    java.sql.Timestamp at = java.sql.Timestamp.from(START.plusDays(day).atTime(6 + random.nextInt(12),
        random.nextInt(60)).toInstant(ZoneOffset.UTC));
    return new Object[] {source + "-" + (ids++), at, country, country + "-01", "LAND", traveller, citizenship,
        random.nextBoolean() ? "M" : "F", 1970 + random.nextInt(30), direction};
  }

  private static Object[] count(int day, String country, String citizenship, String direction, long crossings) {
    return new Object[] {java.sql.Date.valueOf(START.plusDays(day)), country, null, null, citizenship, direction,
        crossings, null};
  }

  private static String eventsFolder(String source, int folder) {
    return "crossing_events/" + source + "/ingest_date=" + START.plusDays(folder);
  }

  private static void writeEvents(Path raw, String source, int folder, String suffix, List<Object[]> rows) {
    write(raw.resolve(eventsFolder(source, folder) + suffix), SourceKind.CROSSING_EVENTS, rows);
  }

  private static void writeCounts(Path raw, String source, int folder, String suffix, List<Object[]> rows) {
    write(raw.resolve("daily_counts/" + source + "/ingest_date=" + START.plusDays(folder) + suffix),
        SourceKind.DAILY_COUNTS, rows);
  }

  private static void write(Path folder, SourceKind kind, List<Object[]> rows) {
    spark.createDataFrame(rows.stream().map(RowFactory::create).toList(), kind.schema()).coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(folder.toString());
  }

  /** Moves the one Parquet file of {@code from} onto the path of the one Parquet file of {@code to}. */
  private static void moveOnto(Path from, Path to) throws IOException {
    Path target = parquetFile(to);
    Files.move(parquetFile(from), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
    try (Stream<Path> rest = Files.walk(from)) {
      rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Path parquetFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  private static void copyFile(Path from, Path to) {
    spark.read().schema(SourceKind.CROSSING_EVENTS.schema()).parquet(from.toString()).coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(to.toString());
  }
}
