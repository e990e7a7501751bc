package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on sample-data/, checked against the published figures it is calibrated to. */
class PipelineEndToEndTest extends SparkTestBase {

  static final Path PROJECT = Path.of(System.getProperty("borderflow.project.dir", "."));
  static final List<String> SIX = List.of("FI", "EE", "LV", "LT", "PL", "NO");
  static final List<String> TABLES = PipelineRun.TABLES;
  /** borderflow.persons.min-cell-persons: the sample run keeps the default. */
  static final long K = 10;

  @TempDir
  static Path out;
  static JsonNode manifest;

  @BeforeAll
  static void runPipelineOnSampleData() throws Exception {
    // The test session runs small queries without generated code or adaptive execution (SparkTestBase); this run
    // keeps Spark's defaults, as spark-submit and run-local.sh run it, so one end-to-end run executes what
    // production executes.
    int status = withProductionExecution(() -> Borderflow.execute("pipeline",
        "--raw", PROJECT.resolve("sample-data").toString(), "--out", out.toString(),
        "--conf", PROJECT.resolve("conf/pipeline.conf").toString(), "--as-of", "2022-11-30"));
    assertEquals(0, status, "exit status");
    try (var runs = Files.list(out.resolve("_runs"))) {
      Path file = runs.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      manifest = new ObjectMapper().readTree(file.toFile());
    }
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve(name).toString());
  }

  @Test
  void frontexWeek38ComesOutOfNetRemainingWeekly() {
    Row w38 = table(PipelineRun.NET_REMAINING_WEEKLY)
        .where(col("citizenship").equalTo("RU").and(col("reporting_country").isin(SIX.toArray()))
            .and(col("week_label").equalTo("2022-W38")))
        .agg(sum("entries"), sum("exits"), sum("net")).first();
    assertEquals(65_951L, w38.getLong(0), "entries 19-25 Sep 2022");
    assertEquals(48_272L, w38.getLong(1), "exits 19-25 Sep 2022");
    assertEquals(17_679L, w38.getLong(2), "remained");
  }

  @Test
  void week38EntriesAreThirtyPercentAboveTheFourWeeksBefore() {
    Dataset<Row> six = table(PipelineRun.NET_REMAINING_WEEKLY)
        .where(col("citizenship").equalTo("RU").and(col("reporting_country").isin(SIX.toArray())));
    long w38 = six.where(col("iso_year").equalTo(2022).and(col("iso_week").equalTo(38)))
        .agg(sum("entries")).first().getLong(0);
    long baseline = six.where(col("iso_year").equalTo(2022).and(col("iso_week").between(34, 37)))
        .agg(sum("entries")).first().getLong(0);
    assertEquals(0.30, w38 / (baseline / 4.0) - 1, 0.001);
  }

  @Test
  void manifestSaysSucceededAndEverySourceAddsUp() {
    assertEquals("SUCCEEDED", manifest.get("status").asText());
    assertTrue(manifest.get("sources").size() >= 3);
    for (JsonNode s : manifest.get("sources")) {
      long read = s.get("read").asLong();
      assertTrue(read > 0, s.toString());
      assertEquals(read, s.get("accepted").asLong() + s.get("rejected").asLong() + s.get("duplicates").asLong(),
          s.toString());
    }
    for (String t : TABLES) {
      assertTrue(manifest.get("tables").has(t), "manifest lists " + t);
    }
    assertTrue(manifest.get("configuration").has("estimate"), "effective configuration recorded");
  }

  @Test
  void estimatesCoverEveryDestinationAndTheIntervalHoldsTheEstimate() {
    List<Row> rows = table(PipelineRun.EXODUS_ESTIMATES).collectAsList();
    assertEquals(12, rows.size(), "11 destinations and ALL");
    for (Row r : rows) {
      String method = r.getString(r.fieldIndex("method"));
      if (!method.equals("no_data") && !r.isNullAt(r.fieldIndex("excess_net_low"))) {
        double low = r.getDouble(r.fieldIndex("excess_net_low"));
        double mid = r.getDouble(r.fieldIndex("excess_net"));
        double high = r.getDouble(r.fieldIndex("excess_net_high"));
        assertTrue(low <= mid && mid <= high, r.toString());
      }
    }
    Row kz = rows.stream().filter(r -> r.getString(r.fieldIndex("destination")).equals("KZ")).findFirst().orElseThrow();
    assertEquals("imputed_exits", kz.getString(kz.fieldIndex("method")));
    Row tr = rows.stream().filter(r -> r.getString(r.fieldIndex("destination")).equals("TR")).findFirst().orElseThrow();
    assertEquals("no_data", tr.getString(tr.fieldIndex("method")));
  }

  @Test
  void sensitivityHasEveryBaselineWhereTheHistoryIsAndNoDataWhereItIsNot() {
    Map<String, Row> rows = new java.util.HashMap<>();
    for (Row r : table(PipelineRun.EXODUS_SENSITIVITY).collectAsList()) {
      rows.put(r.getAs("destination") + " " + r.getAs("baseline_method"), r);
    }
    assertEquals(12 * 3, rows.size(), "11 destinations and ALL under three baselines");
    for (String baseline : List.of("pre_event", "same_weeks_prior_years", "seasonal_trend")) {
      Row ge = rows.get("GE " + baseline);
      assertEquals("observed", ge.getAs("method"), "2019 and 2021 are in the sample for Georgia");
      double excess = ge.getAs("excess_net");
      assertTrue(excess > 0.8 * (long) ge.getAs("net") && excess < (long) ge.getAs("net"), ge.toString());
    }
    Row am = rows.get("AM same_weeks_prior_years");
    assertEquals("no_data", am.getAs("method"), "Armenia has no history");
    assertTrue(am.isNullAt(am.fieldIndex("excess_net")), "no data is not zero");
    assertTrue(rows.get("ALL same_weeks_prior_years").isNullAt(am.fieldIndex("excess_net")));
    Row primary = table(PipelineRun.EXODUS_ESTIMATES).where(col("destination").equalTo("ALL")).first();
    assertEquals("pre_event", primary.getAs("baseline_method"));
    assertEquals((double) rows.get("ALL pre_event").getAs("excess_net"), (double) primary.getAs("excess_net"));
  }

  @Test
  void theOriginSideSourceFeedsMirrorStatisticsAndStaysOutOfTheCrossingsTables() {
    assertEquals(0, table(PipelineRun.CROSSINGS_DAILY).where(col("source").equalTo("ru_fsb")).count());
    assertEquals(0, table(PipelineRun.NET_REMAINING_WEEKLY).where(col("reporting_country").equalTo("RU")).count());
    Row ge = table(PipelineRun.MIRROR_STATISTICS)
        .where(col("destination").equalTo("GE").and(col("period").equalTo("pre-event weeks"))).first();
    long origin = ge.getAs("origin_reported_exits");
    long destination = ge.getAs("destination_reported_entries");
    assertTrue(origin > 0 && destination > 0, ge.toString());
    assertEquals((double) destination / origin, (double) ge.getAs("ratio"), 1e-12);
    assertEquals("observed", ge.getAs("method"));
  }

  @Test
  void theForeignSourceIsMappedAndItsBadRowsAreRejectedWithReasons() {
    JsonNode am = null;
    for (JsonNode s : manifest.get("sources")) {
      if (s.get("source").asText().equals("am_nss")) {
        am = s;
      }
    }
    assertEquals(List.of(239_659L, 239_654L, 4L, 1L), List.of(am.get("read").asLong(), am.get("accepted").asLong(),
        am.get("rejected").asLong(), am.get("duplicates").asLong()));
    List<String> reasons = table(PipelineRun.REJECTED_RECORDS).where(col("source").equalTo("am_nss"))
        .orderBy("reason").select("reason").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of(
        "citizenship 'XXX' is not an ISO 3166-1 alpha-3 country code, as declared for this source",
        "direction 'TRANSIT' is not ENTRY or EXIT",
        "event_time '2022-09-31 25:61:00' cannot be read as a local time yyyy-MM-dd HH:mm:ss in Asia/Yerevan",
        "required column traveller_id is null"), reasons);
    Row record = table(PipelineRun.REJECTED_RECORDS).where(col("reason").startsWith("direction")).first();
    assertTrue(record.getString(record.fieldIndex("record")).contains("\"movement\":\"TRANSIT\""),
        "the raw row under the source's own column names");
    long armenia = table(PipelineRun.CROSSINGS_DAILY).where(col("source").equalTo("am_nss")
        .and(col("reporting_country").equalTo("AM")).and(col("citizenship").equalTo("RU"))).count();
    assertTrue(armenia > 0, "alpha-3 RUS became RU at AM");
  }

  @Test
  void georgiasDailySummaryIsSetAsideAndReconciledAgainstTheEvents() {
    Dataset<Row> rec = table(PipelineRun.SOURCE_RECONCILIATION);
    assertEquals(28, rec.count(), "14 days x 2 directions");
    Row sums = rec.agg(sum("counted_crossings"), sum("set_aside_crossings")).first();
    assertEquals(195_413L, sums.getLong(0), "events counted");
    assertEquals(195_800L, sums.getLong(1), "the rounded daily summary set aside");
    assertEquals(1, rec.select("counted_source", "set_aside_source").distinct().count());
  }

  /** Reads every published table as a notebook would, with DuckDB instead of Spark. */
  @Test
  void everyTableReadsWithAnIndependentReader() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String t : TABLES) {
        String glob = out.resolve(t) + "/**/*.parquet";
        try (ResultSet rs = st.executeQuery(
            "select count(*) from read_parquet('" + glob + "', hive_partitioning = true)")) {
          rs.next();
          assertEquals(manifest.get("tables").get(t).get("rows").asLong(), rs.getLong(1), t + " row count");
        }
      }
      try (ResultSet rs = st.executeQuery("select sum(entries), sum(exits) from read_parquet('"
          + out.resolve(PipelineRun.NET_REMAINING_WEEKLY) + "/**/*.parquet', hive_partitioning = true) "
          + "where citizenship = 'RU' and week_label = '2022-W38' and reporting_country in "
          + "('FI','EE','LV','LT','PL','NO')")) {
        rs.next();
        assertEquals(65_951L, rs.getLong(1));
        assertEquals(48_272L, rs.getLong(2));
      }
    }
  }

  @Test
  void georgianRussiansOfTheRushStayedLongerThanThoseOfTheBaselineWeeks() {
    Map<Integer, Row> cohorts = new HashMap<>();
    assertEquals(Set.of("AM", "GE"), table(PipelineRun.EXODUS_COHORTS).select("destination").collectAsList()
        .stream().map(r -> r.getString(0)).collect(java.util.stream.Collectors.toSet()), "destinations with events");
    for (Row r : table(PipelineRun.EXODUS_COHORTS).where(col("destination").equalTo("GE")).collectAsList()) {
      cohorts.put(r.getAs("horizon_days"), r);
    }
    assertEquals(Set.of(7, 14, 30, 90), cohorts.keySet());
    Row d30 = cohorts.get(30);
    assertFalse((boolean) d30.getAs("suppressed"));
    long size = d30.getAs("cohort_size");
    long present = d30.getAs("still_present");
    double share = d30.getAs("km_share_present");
    double excess = d30.getAs("excess_stayers");
    assertTrue(size > 50_000 && present > 0 && present < size, d30.toString());
    assertTrue(share >= (double) present / size, "censored entrants are not counted as returned: " + d30);
    assertTrue(share > (double) d30.getAs("baseline_km_share_present"), d30.toString());
    assertTrue((double) d30.getAs("excess_stayers_low") < excess && excess < (double) d30.getAs("excess_stayers_high"));
    assertTrue(excess > 0, d30.toString());
    Row d90 = cohorts.get(90);
    assertTrue(d90.isNullAt(d90.fieldIndex("km_share_present")), "90 days lie beyond the data: " + d90);
    assertFalse((boolean) d90.getAs("suppressed"));

    Row largest = table(PipelineRun.EXODUS_BY_GROUP).where(col("horizon_days").equalTo(30)
            .and(col("destination").equalTo("GE")))
        .orderBy(col("cohort_size").desc_nulls_last()).first();
    assertEquals("M 25-39", largest.getAs("sex") + " " + largest.getAs("age_band"), "the rush was men of 25-39");
  }

  @Test
  void personColumnsComeFromEventSourcesOnly() {
    Dataset<Row> daily = table(PipelineRun.CROSSINGS_DAILY);
    Column eventSource = col("source").isin("ge_mia", "am_nss");
    assertEquals(0, daily.where(eventSource.unary_$bang().and(col("persons").isNotNull()
        .or(col("persons_suppressed")))).count(), "count sources know no persons");
    assertEquals(0, daily.where(col("persons").gt(col("crossings"))).count(), "a person crosses at least once");
    assertTrue(daily.where(col("reporting_country").equalTo("GE").and(col("persons").isNotNull())).count() > 0);
    Dataset<Row> weekly = table(PipelineRun.NET_REMAINING_WEEKLY);
    assertEquals(0, weekly.where(col("reporting_country").isin("GE", "AM").unary_$bang()
        .and(col("present_at_week_end").isNotNull())).count());
    Row w43 = weekly.where(col("reporting_country").equalTo("GE").and(col("citizenship").equalTo("RU"))
        .and(col("week_label").equalTo("2022-W43"))).first();
    assertTrue((long) w43.getAs("persons_entered") <= (long) w43.getAs("entries"));
    assertTrue((long) w43.getAs("present_at_week_end") > 0, w43.toString());
  }

  @Test
  void noPublishedPersonLevelCellIsBelowK() {
    List<String> cohortCounts = List.of("cohort_size", "still_present", "baseline_cohort_size",
        "baseline_still_present");
    Map<String, List<String>> personCounts = Map.of(
        PipelineRun.CROSSINGS_DAILY, List.of("persons"),
        PipelineRun.NET_REMAINING_WEEKLY, List.of("persons_entered", "persons_exited", "present_at_week_end"),
        PipelineRun.EXODUS_COHORTS, cohortCounts,
        PipelineRun.EXODUS_BY_GROUP, cohortCounts);
    for (Map.Entry<String, List<String>> t : personCounts.entrySet()) {
      for (String c : t.getValue()) {
        assertEquals(0, table(t.getKey()).where(col(c).lt(K)).count(), t.getKey() + "." + c + " below k");
      }
    }
    for (String t : List.of(PipelineRun.EXODUS_COHORTS, PipelineRun.EXODUS_BY_GROUP)) {
      for (String prefix : List.of("", "baseline_")) {
        assertEquals(0, table(t).where(col(prefix + "cohort_size").minus(col(prefix + "still_present")).lt(K))
            .count(), t + ": those who left are a count of persons too");
      }
    }
    assertTrue(table(PipelineRun.CROSSINGS_DAILY).where(col("persons_suppressed")).count() > 0,
        "the sample has small cells (rare citizenships on a day), and they are withheld");
  }

  @Test
  void noPublishedTableCarriesTravellerIds() {
    for (String t : TABLES) {
      if (!t.equals(PipelineRun.REJECTED_RECORDS)) {
        assertFalse(List.of(table(t).columns()).contains("traveller_id"), t);
      }
    }
  }
}
