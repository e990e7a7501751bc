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
