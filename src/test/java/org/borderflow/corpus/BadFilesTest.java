package org.borderflow.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.borderflow.SparkTestBase;
import org.borderflow.jobs.Borderflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File-level and configuration-level bad input: the run stops with exit status 3 (input) or 2 (configuration),
 * a message naming the file, the column and what was expected, and the tables published before stay as they were.
 */
class BadFilesTest extends SparkTestBase {

  @TempDir
  static Path dir;
  static Path out;
  static List<String> publishedBefore;

  private static final Object[] GOOD_COUNT = row(date("2022-09-20"), "FI", null, null, "RU", "ENTRY", 5L);

  @BeforeAll
  static void publishAGoodVersionFirst() throws IOException {
    LandingZoneBuilder good = new LandingZoneBuilder(spark, dir.resolve("good"));
    good.parquet("daily_counts/s/a.parquet", BadRowsTest.COUNTS, GOOD_COUNT);
    out = dir.resolve("out");
    assertEquals(0, Borderflow.execute("pipeline", "--raw", good.root().toString(), "--out", out.toString(),
        "--as-of", "2022-11-30"));
    publishedBefore = listing(out);
  }

  /** Every file of the published tables with its size and modification time; the run manifests excluded. */
  private static List<String> listing(Path root) throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (!root.relativize(p).startsWith("_runs")) {
          files.add(root.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
        }
      }
    }
    return files;
  }

  /** A landing zone with one problem, built into the given builder. */
  interface Setup {
    void build(LandingZoneBuilder lz) throws IOException;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("not a Parquet file", 3, (Setup) lz -> lz.text("daily_counts/s/a.parquet", "date,crossings\n"),
            new String[] {"a.parquet", "not a readable Parquet file"}, new String[0]),
        Arguments.of("truncated Parquet file", 3, (Setup) lz -> {
          Path p = lz.parquet("daily_counts/s/a.parquet", BadRowsTest.COUNTS, GOOD_COUNT);
          byte[] bytes = Files.readAllBytes(p);
          Files.write(p, Arrays.copyOf(bytes, bytes.length - 20));
        }, new String[] {"a.parquet", "not a readable Parquet file"}, new String[0]),
        Arguments.of("missing required column", 3, (Setup) lz -> lz.parquet("daily_counts/s/a.parquet",
                new org.apache.spark.sql.types.StructType().add("date", org.apache.spark.sql.types.DataTypes.DateType),
                row(date("2022-09-20"))),
            new String[] {"a.parquet", "required column 'reporting_country' is missing", "expected STRING"},
            new String[0]),
        Arguments.of("column of the wrong type", 3, (Setup) lz -> lz.parquet("daily_counts/s/a.parquet",
                stringDates(), row("2022-09-20", "FI", null, null, "RU", "ENTRY", 5L)),
            new String[] {"a.parquet", "column 'date' has Parquet type", "expected DATE"}, new String[0]),
        Arguments.of("empty file", 3, (Setup) lz -> lz.text("daily_counts/s/a.parquet", ""),
            new String[] {"a.parquet", "the file is empty (0 bytes)"}, new String[0]),
        Arguments.of("empty source folder", 3,
            (Setup) lz -> Files.createDirectories(lz.root().resolve("crossing_events/ge_mia")),
            new String[] {"ge_mia", "source folder holds no files"}, new String[0]),
        Arguments.of("landing zone with no sources", 3, (Setup) lz -> Files.createDirectories(lz.root()),
            new String[] {"has no sources"}, new String[0]),
        Arguments.of("landing zone that does not exist", 3, (Setup) lz -> { },
            new String[] {"does not exist"}, new String[0]),
        Arguments.of("file outside any source folder", 3,
            (Setup) lz -> lz.parquet("daily_counts/a.parquet", BadRowsTest.COUNTS, GOOD_COUNT),
            new String[] {"a.parquet", "belongs to no source"}, new String[0]),
        Arguments.of("same source name under both kinds", 3, (Setup) lz -> {
          lz.parquet("daily_counts/s/a.parquet", BadRowsTest.COUNTS, GOOD_COUNT);
          lz.parquet("crossing_events/s/a.parquet", BadRowsTest.EVENTS,
              row("e", instant("2022-09-20T10:00:00Z"), "GE", "P", "LAND", "t", "RU", "M", 1990, "ENTRY"));
        }, new String[] {"source 's' appears under both"}, new String[0]),
        Arguments.of("declared source missing its mapped column", 3, (Setup) lz -> lz.parquet(
                "crossing_events/foreign_feed/f.parquet", BadRowsTest.EVENTS,
                row("e", instant("2022-09-20T10:00:00Z"), "AM", "P", "AIR", "t", "RUS", "M", 1990, "IN")),
            new String[] {"f.parquet", "required column 'id' (event_id) is missing"},
            BadRowsTest.FOREIGN_DECLARATION),
        Arguments.of("configuration value out of range", 2, (Setup) lz -> goodZone(lz),
            new String[] {"shuffle-partitions must be at least 1"},
            new String[] {"--set", "borderflow.spark.shuffle-partitions=0"}),
        Arguments.of("configuration value of the wrong type", 2, (Setup) lz -> goodZone(lz),
            new String[] {"shuffle-partitions", "NUMBER"},
            new String[] {"--set", "borderflow.spark.shuffle-partitions=many"}),
        Arguments.of("unknown time zone in a declaration", 2, (Setup) lz -> goodZone(lz),
            new String[] {"event-time-zone: unknown zone 'Mars/Olympus'"},
            new String[] {"--set", "borderflow.sources.per-source.x.event-time-zone=Mars/Olympus"}),
        Arguments.of("unknown code rule in a declaration", 2, (Setup) lz -> goodZone(lz),
            new String[] {"values.citizenship", "iso-alpha4"},
            new String[] {"--set", "borderflow.sources.per-source.x.values.citizenship=iso-alpha4"}),
        Arguments.of("event window ending before it starts", 2, (Setup) lz -> goodZone(lz),
            new String[] {"window-end 2022-09-01 is before event-date"},
            new String[] {"--set", "borderflow.estimate.events=[{id=e, origin=RU, event-date=\"2022-09-21\", "
                + "window-end=\"2022-09-01\", baseline-weeks=4, destinations=[FI]}]"}),
        Arguments.of("as-of date that is not a date", 2, (Setup) lz -> goodZone(lz),
            new String[] {"--as-of", "2022-13-01"}, new String[] {"--as-of", "2022-13-01"}));
  }

  private static void goodZone(LandingZoneBuilder lz) throws IOException {
    lz.parquet("daily_counts/s/a.parquet", BadRowsTest.COUNTS, GOOD_COUNT);
  }

  private static org.apache.spark.sql.types.StructType stringDates() {
    org.apache.spark.sql.types.StructType s = new org.apache.spark.sql.types.StructType()
        .add("date", org.apache.spark.sql.types.DataTypes.StringType);
    for (int i = 1; i < BadRowsTest.COUNTS.fields().length; i++) {
      s = s.add(BadRowsTest.COUNTS.fields()[i]);
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stopsWithAMessageAndLeavesPublishedTablesAlone(String name, int exitStatus, Setup setup, String[] message,
                                                     String[] extraArgs) throws IOException {
    Path raw = dir.resolve(name.replace(' ', '_'));
    setup.build(new LandingZoneBuilder(spark, raw));
    List<String> args = new ArrayList<>(List.of("pipeline", "--raw", raw.toString(), "--out", out.toString()));
    if (!Arrays.asList(extraArgs).contains("--as-of")) {
      args.addAll(List.of("--as-of", "2022-11-30"));
    }
    args.addAll(Arrays.asList(extraArgs));
    StringWriter err = new StringWriter();
    int status = Borderflow.execute(new PrintWriter(err, true), args.toArray(String[]::new));
    assertEquals(exitStatus, status, name + ": " + err);
    for (String part : message) {
      assertTrue(err.toString().contains(part), name + ": message should contain '" + part + "' but was: " + err);
    }
    assertEquals(publishedBefore, listing(out), name + ": published tables changed");
  }
}
