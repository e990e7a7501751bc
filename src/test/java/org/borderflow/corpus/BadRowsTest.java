package org.borderflow.corpus;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.jobs.Borderflow;
import org.borderflow.jobs.PipelineRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Row-level bad input, each kind planted once with a marker, run through the whole pipeline in one run. Each
 * case asserts the exact outcome: rejected with its reason, counted once as a duplicate, or accepted.
 */
class BadRowsTest extends SparkTestBase {

  static final StructType COUNTS = new StructType().add("date", DateType).add("reporting_country", StringType)
      .add("crossing_point", StringType).add("border_type", StringType).add("citizenship", StringType)
      .add("direction", StringType).add("crossings", LongType);
  static final StructType EVENTS = new StructType().add("event_id", StringType).add("event_time", TimestampType)
      .add("reporting_country", StringType).add("crossing_point", StringType).add("border_type", StringType)
      .add("traveller_id", StringType).add("citizenship", StringType).add("sex", StringType)
      .add("birth_year", IntegerType).add("direction", StringType);
  /** A foreign shape: alpha-3 nationality, IN/OUT, local Yerevan times as text. */
  static final StructType FOREIGN = new StructType().add("id", StringType).add("at", StringType)
      .add("country", StringType).add("point", StringType).add("mode", StringType).add("person", StringType)
      .add("nationality", StringType).add("gender", StringType).add("yob", IntegerType).add("movement", StringType);

  static final String[] FOREIGN_DECLARATION = {
      "--set", "borderflow.sources.per-source.foreign_feed.columns={event_id=id, event_time=at, "
          + "reporting_country=country, crossing_point=point, border_type=mode, traveller_id=person, "
          + "citizenship=nationality, sex=gender, birth_year=yob, direction=movement}",
      "--set", "borderflow.sources.per-source.foreign_feed.values={citizenship=iso-alpha3, direction={IN=ENTRY, OUT=EXIT}}",
      "--set", "borderflow.sources.per-source.foreign_feed.event-time-zone=Asia/Yerevan"};

  @TempDir
  static Path dir;
  static Map<String, String> outcomeByMarker = new HashMap<>();
  static JsonNode manifest;

  private static Object[] count(String day, String country, String marker, String borderType, String citizenship,
                                String direction, Long crossings) {
    return row(day == null ? null : date(day), country, marker, borderType, citizenship, direction, crossings);
  }

  private static Object[] event(String id, String at, String country, String point, String borderType,
                                String traveller, String sex, String direction) {
    return row(id, at == null ? null : instant(at), country, point, borderType, traveller, "RU", sex, 1990, direction);
  }

  private static Object[] foreign(String id, String at, String nationality, String movement) {
    return row(id, at, "AM", "AM-ZVARTNOTS", "AIR", "p-" + id, nationality, "M", 1991, movement);
  }

  @BeforeAll
  static void runOnePipelineOverEveryBadRow() throws Exception {
    LandingZoneBuilder lz = new LandingZoneBuilder(spark, dir.resolve("raw"));
    lz.parquet("daily_counts/counts_feed/ingest_date=2022-10-01/a.parquet", COUNTS,
        count("2022-09-20", "FI", "C01", "LAND", "RU", "ENTRY", 100L),
        count(null, "FI", "C02", null, "RU", "ENTRY", 1L),
        count("2022-09-20", null, "C03", null, "RU", "ENTRY", 1L),
        count("2022-09-20", "FI", "C04", null, null, "ENTRY", 1L),
        count("2022-09-20", "FI", "C05", null, "RU", null, 1L),
        count("2022-09-20", "FI", "C06", null, "RU", "ENTRY", null),
        count("2022-09-20", "XX", "C07", null, "RU", "ENTRY", 1L),
        count("2022-09-20", "FI", "C08", null, "ru", "ENTRY", 1L),
        count("2022-09-20", "FI", "C09", null, "RUS", "ENTRY", 1L),
        count("2022-09-20", "FI", "C10", null, "RU", "IN", 1L),
        count("2022-09-20", "FI", "C11", "RAIL", "RU", "ENTRY", 1L),
        count("2022-09-20", "FI", "C12", null, "RU", "EXIT", -5L),
        count("2022-09-20", "FI", "C13", null, "RU", "EXIT", 50_000_000L),
        count("1989-12-31", "FI", "C14", null, "RU", "EXIT", 1L),
        count("2022-12-01", "FI", "C15", null, "RU", "EXIT", 1L),
        count("2022-09-21", "FI", "C16", null, "RU", "ENTRY", 10L),
        count("2022-09-22", "FI", "C17", null, "RU", "ENTRY", 20L));
    lz.parquet("daily_counts/counts_feed/ingest_date=2022-10-02/a.parquet", COUNTS,
        count("2022-09-21", "FI", "C16", null, "RU", "ENTRY", 12L),
        count("2022-09-22", "FI", "C17", null, "RU", "ENTRY", -1L));
    lz.parquet("crossing_events/events_feed/ingest_date=2022-10-01/a.parquet", EVENTS,
        event("E01", "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", "T-E01", "M", "ENTRY"),
        event(null, "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", "T-E02", "M", "ENTRY"),
        event("E03", null, "GE", "GE-1", "LAND", "T-E03", "M", "ENTRY"),
        event("E04", "2022-09-20T10:00:00Z", "GE", null, "LAND", "T-E04", "M", "ENTRY"),
        event("E05", "2022-09-20T10:00:00Z", "GE", "GE-1", null, "T-E05", "M", "ENTRY"),
        event("E06", "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", null, "M", "ENTRY"),
        event("E07", "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", "T-E07", "Q", "ENTRY"),
        event("E08", "2022-11-30T21:30:00Z", "GE", "GE-1", "LAND", "T-E08", "M", "ENTRY"),
        event("E09", "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", "T-E09", "F", "ENTRY"),
        event("E09", "2022-09-21T10:00:00Z", "GE", "GE-1", "LAND", "T-E09", "F", "EXIT"),
        event("E11", "2022-09-20T10:00:00Z", "XK", "XK-1", "LAND", "T-E11", "M", "ENTRY"),
        event("E12", "2022-09-20T10:00:00Z", "GE", "GE-1", "BRIDGE", "T-E12", "M", "ENTRY"));
    lz.parquet("crossing_events/events_feed/ingest_date=2022-10-02/redelivered.parquet", EVENTS,
        event("E01", "2022-09-20T10:00:00Z", "GE", "GE-1", "LAND", "T-E01", "M", "ENTRY"));
    lz.parquet("crossing_events/foreign_feed/f.parquet", FOREIGN,
        foreign("F01", "2022-09-23 23:30:00", "RUS", "IN"),
        foreign("F02", "2022-09-23 10:00:00", "RUS", "TRANSIT"),
        foreign("F03", "2022-09-23 10:00:00", "XXX", "IN"),
        foreign("F04", "yesterday", "RUS", "OUT"),
        foreign("F05", "2022-09-31 10:00:00", "RUS", "OUT"),
        foreign("F06", "2022-09-23 10:00:00", "RU", "OUT"));
    Path out = dir.resolve("out");
    String[] base = {"pipeline", "--raw", lz.root().toString(), "--out", out.toString(), "--as-of", "2022-11-30"};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(
        FOREIGN_DECLARATION)).toArray(String[]::new);
    assertEquals(0, Borderflow.execute(args));
    for (Row r : spark.read().parquet(out.resolve(PipelineRun.REJECTED_RECORDS).toString())
        .select("record", "reason").collectAsList()) {
      outcomeByMarker.put(marker(r.getString(0)), "rejected: " + r.getString(1));
    }
    try (var runs = Files.list(out.resolve("_runs"))) {
      manifest = new ObjectMapper().readTree(runs.filter(p -> p.toString().endsWith(".json")).findFirst()
          .orElseThrow().toFile());
    }
  }

  /** The marker of a raw row: the counts' crossing_point, an event's or traveller's id, the foreign id. */
  private static String marker(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(?:T-)?(C\\d\\d|E\\d\\d|F\\d\\d)\"").matcher(json);
    if (m.find()) {
      return m.group(1);
    }
    throw new AssertionError("no marker in rejected record " + json);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "C02|rejected: required column date is null",
      "C03|rejected: required column reporting_country is null",
      "C04|rejected: required column citizenship is null",
      "C05|rejected: required column direction is null",
      "C06|rejected: required column crossings is null",
      "C07|rejected: reporting_country 'XX' is not an ISO 3166-1 alpha-2 country code",
      "C08|rejected: citizenship 'ru' is not an ISO 3166-1 alpha-2 country code",
      "C09|rejected: citizenship 'RUS' is not an ISO 3166-1 alpha-2 country code",
      "C10|rejected: direction 'IN' is not ENTRY or EXIT",
      "C11|rejected: border_type 'RAIL' is not LAND, SEA or AIR",
      "C12|rejected: crossings '-5' is negative",
      "C13|rejected: crossings '50000000' exceeds the plausible maximum of 10000000 per row",
      "C14|rejected: date 1989-12-31 is before 1990-01-01",
      "C15|rejected: date 2022-12-01 is after the run's as-of date 2022-11-30",
      "C17|rejected: crossings '-1' is negative",
      "E02|rejected: required column event_id is null",
      "E03|rejected: required column event_time is null",
      "E04|rejected: required column crossing_point is null",
      "E05|rejected: required column border_type is null",
      "E06|rejected: required column traveller_id is null",
      "E07|rejected: sex 'Q' is not M, F or X",
      "E08|rejected: date 2022-12-01 is after the run's as-of date 2022-11-30",
      "E11|rejected: reporting_country 'XK' is not an ISO 3166-1 alpha-2 country code",
      "E12|rejected: border_type 'BRIDGE' is not LAND, SEA or AIR",
      "F02|rejected: direction 'TRANSIT' is not ENTRY or EXIT",
      "F03|rejected: citizenship 'XXX' is not an ISO 3166-1 alpha-3 country code, as declared for this source",
      "F04|rejected: event_time 'yesterday' cannot be read as a local time yyyy-MM-dd HH:mm:ss in Asia/Yerevan",
      "F05|rejected: event_time '2022-09-31 10:00:00' cannot be read as a local time yyyy-MM-dd HH:mm:ss in Asia/Yerevan",
      "F06|rejected: citizenship 'RU' is not an ISO 3166-1 alpha-3 country code, as declared for this source"})
  void eachBadRowIsRejectedWithItsReason(String marker, String outcome) {
    assertEquals(outcome, outcomeByMarker.get(marker), "outcome of " + marker);
  }

  @Test
  void duplicatesAndCorrectionsAreCountedOnceAndTheRestIsAccepted() {
    Map<String, JsonNode> bySource = new HashMap<>();
    manifest.get("sources").forEach(s -> bySource.put(s.get("source").asText(), s));
    // C01, C16 (second file), C17 (first file: the invalid restatement did not replace it); C16's first row replaced.
    assertAccount(bySource.get("counts_feed"), 19, 3, 15, 1);
    // E01, E09 (the ENTRY delivered first; its EXIT with the same id is a duplicate); E01 re-delivered.
    assertAccount(bySource.get("events_feed"), 13, 2, 9, 2);
    assertAccount(bySource.get("foreign_feed"), 6, 1, 5, 0);
    Row c16 = spark.read().parquet(dir.resolve("out").resolve(PipelineRun.CROSSINGS_DAILY).toString())
        .where("crossing_point = 'C16'").select("crossings").first();
    assertEquals(12L, c16.getLong(0), "the later file's value wins");
  }

  @Test
  void aForeignRowsLocalTimeBecomesItsLocalDateAndItsCodesAreMapped() {
    Row f01 = spark.read().parquet(dir.resolve("out").resolve(PipelineRun.CROSSINGS_DAILY).toString())
        .where("source = 'foreign_feed'").select("date", "reporting_country", "citizenship", "direction").first();
    assertEquals("[2022-09-23,AM,RU,ENTRY]", f01.toString());
  }

  private static void assertAccount(JsonNode source, long read, long accepted, long rejected, long duplicates) {
    assertEquals(List.of(read, accepted, rejected, duplicates), List.of(source.get("read").asLong(),
        source.get("accepted").asLong(), source.get("rejected").asLong(), source.get("duplicates").asLong()),
        source.toString());
  }
}
