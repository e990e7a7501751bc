package org.borderflow.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.ingest.SourceKind;

/**
 * What the crash tests ({@link CrashSafetyTest}, {@link IncrementalCrashSafetyTest}) share, built once per test JVM
 * whichever of them runs first: version 1 published over the small landing zone, the changed landing zone of
 * version 2, and the tables of a clean run over it. Both classes compare against the same two versions, so a JVM
 * that runs both pays for the two reference runs once; the suite can still give each class to a different JVM.
 */
abstract class CrashFixture extends PublishFixture {

  static final String BEFORE_STAGE = "before-stage-";
  static final String AFTER_STAGE = "after-stage-";
  static final String AFTER_TABLE = "after-table-";

  private static final Pattern SPARK_JVM_OPTIONS =
      Pattern.compile("<spark\\.jvm\\.options>(.*?)</spark\\.jvm\\.options>", Pattern.DOTALL);

  /** The folder of every crash test of this JVM, removed when the JVM ends. */
  static final Path dir = Folder.DIR;
  /** The published output of version 1, copied afresh for each killed run. */
  static final Path versionOne = dir.resolve("version-1");
  /** The landing zone of version 2: the killed runs, the recovering runs and the clean reference run read it. */
  static final Path changedRaw = dir.resolve("raw-changed");

  /** Version 1's tables, as {@link #publishedRows}. */
  static Map<String, List<String>> v1() {
    return Versions.V1;
  }

  /** The tables of a clean run over the changed landing zone. */
  static Map<String, List<String>> v2() {
    return Versions.V2;
  }

  private static final class Versions {
    static final Map<String, List<String>> V1;
    static final Map<String, List<String>> V2;

    static {
      Path raw = smallLandingZone(dir.resolve("raw"));
      runPipeline(raw, versionOne);
      V1 = publishedRows(versionOne);

      copyTree(raw, changedRaw);
      redeliverKazakhstan(changedRaw);
      addFinnishNationalSource(changedRaw);
      // A few traveller events, so that the person-level tables (empty in version 1) change too.
      writeEvents(changedRaw, "fi_events", "2022-10-31", travellerEvents(20));
      Path clean = dir.resolve("version-2-clean");
      runPipeline(changedRaw, clean);
      V2 = publishedRows(clean);
      for (String table : TABLES) {
        assertNotEquals(V1.get(table), V2.get(table),
            table + ": the changed input must change every table, or 'version 1 or version 2' proves nothing");
      }
    }
  }

  private static final class Folder {
    static final Path DIR = createDir();

    private static Path createDir() {
      try {
        Path created = Files.createTempDirectory("borderflow-crash");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
        return created;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /**
   * Runs the pipeline over the changed landing zone into {@code out} in a child JVM that halts at {@code point};
   * returns its exit status. The child's output goes to {@code log}.
   */
  static int runKilledAt(String point, Path out, Path log, String... extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmOptions());
    // A short-lived driver over 1,700 rows: the C1 compiler and the serial collector halve its CPU time, and
    // interpreted expressions save compiling generated code that runs over a few rows once (9% of the test's CPU).
    // Adaptive execution is off as in the test session (SparkTestBase): nothing to adapt to in so few rows.
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dspark.sql.codegen.wholeStage=false", "-Dspark.sql.codegen.factoryMode=NO_CODEGEN",
        "-Dspark.sql.adaptive.enabled=false"));
    command.addAll(List.of("-Duser.timezone=UTC", "-Dborderflow.test.die-at=" + point,
        "-Dlog4j2.configurationFile=" + PROJECT.resolve("src/test/resources/log4j2-test.properties"),
        // Spark reads spark.* system properties: no UI, loopback driver, as in the test session.
        "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", System.getProperty("java.class.path"), "org.borderflow.jobs.Borderflow"));
    command.addAll(pipelineArguments(changedRaw, out));
    command.addAll(List.of(extra));
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

  static List<Path> children(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.sorted().toList();
    }
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
