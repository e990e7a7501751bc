package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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

  @TempDir
  static Path out;
  static JsonNode manifest;

  @BeforeAll
  static void runPipelineOnSampleData() throws Exception {
    int status = Borderflow.execute("pipeline", "--raw", PROJECT.resolve("sample-data").toString(),
        "--out", out.toString(), "--conf", PROJECT.resolve("conf/pipeline.conf").toString(), "--as-of", "2022-11-30");
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
}
