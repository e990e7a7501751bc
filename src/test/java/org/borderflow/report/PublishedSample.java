package org.borderflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.borderflow.SparkTestBase;
import org.borderflow.ingest.SourceKind;
import org.borderflow.jobs.Borderflow;

/**
 * One small published output per test JVM, shared by the report, quality and notebook tests: the sample's three
 * count sources (Frontex, Kazakhstan, Georgia's daily summary) and a few hundred generated Georgian crossing events,
 * so that every table the report draws has rows (cohorts, reconciliation, findings) in seconds, not the minute the
 * sample's 1.1 million events take. Kept under {@code target/published-sample/} for a person to open.
 */
public abstract class PublishedSample extends SparkTestBase {

  public static final Path PROJECT = Path.of(System.getProperty("borderflow.project.dir", ".")).toAbsolutePath();
  public static final Path ROOT = PROJECT.resolve("target/published-sample");
  public static final Path RAW = ROOT.resolve("raw");
  static final Path OUT = ROOT.resolve("out");
  static final String AS_OF = "2022-11-30";
  static final String EVENT_SOURCE = "ge_small";

  /** Runs the pipeline (with --report) once, the first time a test asks for the output. */
  public static Path published() {
    return Holder.OUT_DIR;
  }

  private static final class Holder {
    static final Path OUT_DIR = build();

    private static Path build() {
      try {
        deleteTree(ROOT);
        for (String source : List.of("frontex", "kz_mvd", "ge_mia_daily")) {
          copyTree(PROJECT.resolve("sample-data/daily_counts").resolve(source),
              RAW.resolve("daily_counts").resolve(source));
        }
        df(SourceKind.CROSSING_EVENTS.schema(), georgianEvents(420).toArray(Object[][]::new)).coalesce(1).write()
            .parquet(RAW.resolve("crossing_events").resolve(EVENT_SOURCE).resolve("ingest_date=2022-10-31").toString());
        assertEquals(0, Borderflow.execute(pipelineArguments(OUT).toArray(String[]::new)), "sample pipeline run");
        return OUT;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** {@code borderflow pipeline --report} over {@link #RAW} into {@code out}, with the sample's job file. */
  public static List<String> pipelineArguments(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("pipeline", "--raw", RAW.toString(), "--out", out.toString(),
        "--conf", PROJECT.resolve("conf/pipeline.conf").toString(), "--as-of", AS_OF, "--report"));
    args.addAll(List.of(extra));
    return args;
  }

  /**
   * Russian travellers entering Georgia from 22 August (baseline weeks) to 2 October (the event window), one a day
   * in turn, each staying 1 to 45 days and leaving unless that falls after the data's end (30 October).
   */
  static List<Object[]> georgianEvents(int travellers) {
    List<Object[]> rows = new ArrayList<>();
    LocalDate first = LocalDate.of(2022, 8, 22);
    LocalDate dataEnd = LocalDate.of(2022, 10, 30);
    for (int t = 0; t < travellers; t++) {
      LocalDate entry = first.plusDays(t % 42);
      LocalDate exit = entry.plusDays(1 + (t * 7L) % 45);
      rows.add(event("E" + t, entry, t, "ENTRY"));
      if (!exit.isAfter(dataEnd)) {
        rows.add(event("X" + t, exit, t, "EXIT"));
      }
    }
    return rows;
  }

  private static Object[] event(String id, LocalDate day, int traveller, String direction) {
    return row(id, Timestamp.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC)), "GE", "GE-KAZBEGI", "LAND",
        "T" + traveller, "RU", traveller % 2 == 0 ? "M" : "F", 1960 + traveller % 40, direction);
  }

  public static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
