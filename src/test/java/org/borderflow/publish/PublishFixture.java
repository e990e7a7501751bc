package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.borderflow.ingest.SourceKind;
import org.borderflow.jobs.Borderflow;
import org.borderflow.jobs.PipelineRun;

/**
 * What the publishing tests share: a small landing zone, a small event source, the pipeline's command line, an
 * in-process run, and the published tables as sorted rows of text, so that two versions compare row by row.
 */
abstract class PublishFixture extends SparkTestBase {

  static final Path PROJECT = Path.of(System.getProperty("borderflow.project.dir", ".")).toAbsolutePath();
  static final String AS_OF = "2022-11-30";
  /** Every table a run publishes. */
  static final List<String> TABLES = PipelineRun.TABLES;

  /** Prefixes of the ids in {@link #travellerEvents}: distinctive, so that a leak is found by a byte search. */
  static final String TRAVELLER_PREFIX = "TRAV-SECRET-";
  static final String EVENT_PREFIX = "EVT-PRIVATE-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The count sources of sample-data (Frontex and Kazakhstan with their prior years, and Russia's departures for
   * mirror_statistics: about 7,000 rows) copied under {@code raw}: seconds per run instead of the minute the 1.1
   * million Georgian events take.
   */
  static Path smallLandingZone(Path raw) {
    for (String source : List.of("frontex", "kz_mvd", "ru_fsb")) {
      copyTree(PROJECT.resolve("sample-data/daily_counts").resolve(source), raw.resolve("daily_counts").resolve(source));
    }
    return raw;
  }

  /**
   * Russian travellers at a Finnish crossing point, each entering once and leaving a few days later, from late
   * August (the baseline weeks of the default event) to early October (its window): two events per traveller,
   * event ids {@code EVT-PRIVATE-0001...}, traveller ids {@code TRAV-SECRET-0001...}.
   */
  static List<Object[]> travellerEvents(int travellers) {
    List<Object[]> rows = new ArrayList<>();
    for (int t = 1; t <= travellers; t++) {
      LocalDate entry = LocalDate.of(2022, 8, 22).plusDays(4L * t);
      rows.add(event(2 * t - 1, entry, t, "ENTRY"));
      rows.add(event(2 * t, entry.plusDays(3 + t % 4), t, "EXIT"));
    }
    return rows;
  }

  /** One canonical crossing_events row at 08:30 UTC of {@code day}; any {@code direction}, valid or not. */
  static Object[] event(int id, LocalDate day, int traveller, String direction) {
    return row(String.format("%s%04d", EVENT_PREFIX, id),
        Timestamp.from(day.atTime(8, 30).toInstant(ZoneOffset.UTC)), "FI", "FI-VAALIMAA", "LAND",
        String.format("%s%04d", TRAVELLER_PREFIX, traveller), "RU", traveller % 2 == 0 ? "F" : "M",
        1970 + traveller, direction);
  }

  /** Writes rows as one Parquet delivery {@code <raw>/crossing_events/<source>/ingest_date=<delivery>/}. */
  static void writeEvents(Path raw, String source, String delivery, List<Object[]> rows) {
    df(SourceKind.CROSSING_EVENTS.schema(), rows.toArray(Object[][]::new)).coalesce(1).write()
        .parquet(raw.resolve("crossing_events").resolve(source).resolve("ingest_date=" + delivery).toString());
  }

  /** {@code borderflow pipeline ...} over {@code raw} into {@code out} with the sample job file; each extra is a --set. */
  static List<String> pipelineArguments(Path raw, Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of("pipeline", "--raw", raw.toString(), "--out", out.toString(),
        "--conf", PROJECT.resolve("conf/pipeline.conf").toString(), "--as-of", AS_OF));
    for (String override : overrides) {
      args.add("--set");
      args.add(override);
    }
    return args;
  }

  /** Runs the pipeline in this JVM, on the shared test session, and requires exit status 0. */
  static void runPipeline(Path raw, Path out, String... overrides) {
    assertEquals(0, Borderflow.execute(pipelineArguments(raw, out, overrides).toArray(String[]::new)),
        "exit status of the pipeline over " + raw);
  }

  /** A table as a reader sees it through Spark: every row as {@link #text}, sorted. Throws if it cannot be read. */
  static List<String> rowsOf(Path tableDir) {
    return spark.read().parquet(tableDir.toString()).collectAsList().stream().map(PublishFixture::text).sorted()
        .toList();
  }

  /**
   * A row as text, every value exactly (DOUBLE values to the last bit). The estimate stage once published
   * excess_net_low 430.6933735681258 in one run and 430.69337356812576 in another, because Spark sums doubles in no
   * fixed order; it now sorts them first (OrderFreeStats), and this exact comparison keeps it so.
   */
  static String text(Row row) {
    StringJoiner text = new StringJoiner(",", "[", "]");
    for (int i = 0; i < row.size(); i++) {
      Object value = row.get(i);
      text.add(value instanceof Double d ? Double.toString(d) : String.valueOf(value));
    }
    return text.toString();
  }

  /** Every published table under {@code out}, read as {@link #rowsOf}. */
  static Map<String, List<String>> publishedRows(Path out) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : TABLES) {
      tables.put(table, rowsOf(out.resolve(table)));
    }
    return tables;
  }

  /**
   * Requires every table of {@code actual} to hold exactly the rows of {@code expected}; a mismatch names the table
   * and shows a few rows on each side instead of two whole tables.
   */
  static void assertSameTables(Map<String, List<String>> expected, Map<String, List<String>> actual, String what) {
    for (String table : TABLES) {
      List<String> want = expected.get(table);
      List<String> got = actual.get(table);
      if (!want.equals(got)) {
        fail(what + ": " + table + " has " + got.size() + " rows, expected " + want.size() + "; missing "
            + firstNotIn(want, got) + ", unexpected " + firstNotIn(got, want));
      }
    }
  }

  private static List<String> firstNotIn(List<String> rows, List<String> others) {
    Set<String> seen = new HashSet<>(others);
    return rows.stream().filter(r -> !seen.contains(r)).limit(3).toList();
  }

  /** The run manifests under {@code <out>/_runs/}, in file-name order (run ids start with the start time). */
  static List<JsonNode> manifests(Path out) {
    List<JsonNode> manifests = new ArrayList<>();
    for (Path file : filesUnder(out.resolve("_runs"))) {
      if (file.getFileName().toString().endsWith(".json")) {
        try {
          manifests.add(JSON.readTree(file.toFile()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return manifests;
  }

  /** Regular files below {@code dir}, sorted; none when it does not exist. */
  static List<Path> filesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
