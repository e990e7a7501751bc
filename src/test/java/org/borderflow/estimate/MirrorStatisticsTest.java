package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.config.EventDefinition;
import org.borderflow.ingest.RowValidation;
import org.borderflow.ingest.SourceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mirror statistics on a few daily rows: Russia's border service (ru_fsb) reports departures to GE, AM and TR;
 * Georgia and Armenia report entries, Turkey nothing. Event window 2022-W38 with one pre-event week, W37.
 */
class MirrorStatisticsTest extends SparkTestBase {

  static final EventDefinition EVENT = new EventDefinition("ev", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-09-25"), 1, List.of("GE", "AM", "TR", "FI"));

  /** The daily rows as ingest marks them: source, the key, crossings and counterpart_country. */
  static final StructType DAILY = new StructType()
      .add("source", DataTypes.StringType).add("date", DataTypes.DateType)
      .add("reporting_country", DataTypes.StringType).add("citizenship", DataTypes.StringType)
      .add("direction", DataTypes.StringType).add("crossings", DataTypes.LongType)
      .add("counterpart_country", DataTypes.StringType);

  static Map<String, Row> byDestinationAndPeriod = new HashMap<>();
  static Dataset<Row> daily;

  @BeforeAll
  static void build() {
    daily = df(DAILY,
        row("ru_fsb", date("2022-09-15"), "RU", "RU", "EXIT", 1000L, "GE"),
        row("ru_fsb", date("2022-09-22"), "RU", "RU", "EXIT", 4000L, "GE"),
        row("ru_fsb", date("2022-09-22"), "RU", "RU", "EXIT", 2000L, "AM"),
        row("ru_fsb", date("2022-09-22"), "RU", "RU", "EXIT", 500L, "TR"),
        // The origin's total to all destinations: not a departure to any one of them.
        row("ru_fsb", date("2022-09-22"), "RU", "RU", "EXIT", 9999L, null),
        row("ge_mia", date("2022-09-15"), "GE", "RU", "ENTRY", 900L, null),
        row("ge_mia", date("2022-09-22"), "GE", "RU", "ENTRY", 3000L, null),
        row("am_nss", date("2022-09-23"), "AM", "RU", "ENTRY", 1800L, null),
        row("am_nss", date("2022-09-23"), "AM", "RU", "EXIT", 700L, null),
        // A breakdown by destination from a source not declared origin-side: kept out of the destination's rows.
        row("fi_stats", date("2022-09-22"), "FI", "RU", "ENTRY", 50L, "EE"));
    Dataset<Row> destinationSide = MirrorStatistics.destinationSide(daily, List.of("ru_fsb"));
    for (Row r : MirrorStatistics.build(MirrorStatistics.originSide(daily, List.of("ru_fsb")), destinationSide,
        List.of(EVENT)).collectAsList()) {
      byDestinationAndPeriod.put(r.getAs("destination") + " " + r.getAs("period"), r);
    }
  }

  @Test
  void destinationSideHoldsNeitherTheOriginSideSourceNorBreakdownsByDestination() {
    List<String> sources = MirrorStatistics.destinationSide(daily, List.of("ru_fsb")).select("source").distinct()
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    assertEquals(List.of("am_nss", "ge_mia"), sources);
  }

  @Test
  void theDestinationsEntriesAreSetAgainstTheOriginsDeparturesToIt() {
    Row ge = byDestinationAndPeriod.get("GE 2022-W38, event window");
    assertEquals(4000L, (long) ge.getAs("origin_reported_exits"));
    assertEquals(3000L, (long) ge.getAs("destination_reported_entries"));
    assertEquals(0.75, (double) ge.getAs("ratio"), 1e-12);
    assertEquals("observed", ge.getAs("method"));
    assertTrue(ge.<String>getAs("note").contains("partial"), "ru_fsb reported one day of seven: " + ge);
    Row before = byDestinationAndPeriod.get("GE 2022-W37, pre-event weeks");
    assertEquals(0.9, (double) before.getAs("ratio"), 1e-12);
  }

  @Test
  void aDestinationWithoutDataIsEstimatedFromTheOriginsSideAndFlagged() {
    Row tr = byDestinationAndPeriod.get("TR 2022-W38, event window");
    assertEquals("mirror", tr.getAs("method"));
    assertNull(tr.getAs("destination_reported_entries"));
    assertNull(tr.getAs("ratio"));
    // GE and AM report both in the window: (3000 + 1800) / (4000 + 2000) = 0.8.
    assertEquals(500 * 0.8, (double) tr.getAs("mirror_entries"), 1e-9);
    assertTrue(tr.<String>getAs("note").contains("0.800"), tr.toString());
  }

  @Test
  void noRowWithoutTheOriginsFigure() {
    assertNull(byDestinationAndPeriod.get("FI 2022-W38, event window"), "ru_fsb reports nothing to FI");
    // A one-week window and one pre-event week: each is its week's row, so the key (destination, first and last
    // day) is unique. GE: W37 and W38; AM and TR: W38, where ru_fsb reported.
    assertEquals(2 + 1 + 1, byDestinationAndPeriod.size(), byDestinationAndPeriod.keySet().toString());
  }

  @Test
  void aCounterpartThatIsNotACountryCodeIsRejected() {
    StructType raw = SourceKind.DAILY_COUNTS.schema();
    Dataset<Row> counts = df(raw, row(date("2022-09-22"), "RU", null, null, "RU", "EXIT", 5L, "XX"),
        row(date("2022-09-22"), "RU", null, null, "RU", "EXIT", 5L, "GE"));
    List<String> reasons = RowValidation.validateCounts(counts, List.of("RU", "GE"),
            new RowValidation.Limits(LocalDate.parse("1990-01-01"), LocalDate.parse("2022-12-31"), 1_000_000))
        .select(RowValidation.REASON).collectAsList().stream().map(r -> String.valueOf(r.get(0))).sorted().toList();
    assertEquals(List.of("counterpart_country 'XX' is not an ISO 3166-1 alpha-2 country code", "null"), reasons);
  }
}
