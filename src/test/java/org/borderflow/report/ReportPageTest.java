package org.borderflow.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of {@link PublishedSample} opened in headless Chromium: every chart drew, and the figures each chart
 * holds (read back from ECharts into the DOM) and the numbers the page prints equal the published tables'. Skipped,
 * with the reason, where Chromium is not installed ({@code apt-get install chromium}; .ci/run does it).
 */
class ReportPageTest extends PublishedSample {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHART = Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"[^>]*>");

  static Path page;
  static String dom;
  static JsonNode figures;

  @BeforeAll
  static void renderTheReport() throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find();
    assumeTrue(chromium.isPresent(), "chromium is not installed (Debian package chromium; or set "
        + "BORDERFLOW_CHROMIUM): the report is not opened in a browser here");
    page = published().resolve("report/index.html");
    assertTrue(Files.isRegularFile(page), "pipeline --report wrote " + page);
    dom = chromium.get().dumpDom(page);
    // For a person to look at: the whole page, 1400 px wide.
    chromium.get().screenshot(page, ROOT.resolve("report-screenshot.png"), 1400, 5200);
    figures = figuresOf(dom);
  }

  /** The figures each chart holds, as the page wrote them into #chart-figures (text, so HTML-escaped). */
  private static JsonNode figuresOf(String dom) throws java.io.IOException {
    Matcher m = Pattern.compile("<pre id=\"chart-figures\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "the page wrote its chart figures");
    return JSON.readTree(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&amp;", "&"));
  }

  @Test
  void everyChartDrewAnSvgWithItsSeries() {
    Matcher m = CHART.matcher(dom);
    List<Integer> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      ids.add(m.group(1));
      assertTrue(m.group().contains("data-rendered=\"true\""), "chart " + m.group(1) + " drew: " + m.group());
    }
    starts.add(dom.length());
    for (int i = 0; i < ids.size(); i++) {
      assertTrue(dom.substring(starts.get(i), starts.get(i + 1)).contains("<svg"),
          "chart " + ids.get(i) + " is an SVG");
      assertFalse(figures.get(ids.get(i)).get("series").isEmpty(), "chart " + ids.get(i) + " has series");
    }
    assertEquals(figures.size(), ids.size(), "every chart in the figures is on the page");
    assertTrue(dom.contains("data-charts=\"" + ids.size() + "\""));
    // Weekly per destination, cumulative, estimates, reconciliation, cohorts and findings: all kinds are there.
    for (String kind : List.of("weekly-", "cumulative-", "estimates-", "reconciliation-", "cohort-",
        "quality-counts")) {
      assertTrue(ids.stream().anyMatch(id -> id.startsWith(kind)), "a chart " + kind + " in " + ids);
    }
  }

  @Test
  void weeklyChartsHoldTheWeeklyTable() {
    Dataset<Row> weekly = table("net_remaining_weekly").where(col("citizenship").equalTo("RU"));
    int charts = 0;
    for (Row e : events()) {
      String event = e.getString(0);
      for (String destination : e.<String>getList(1)) {
        List<Row> rows = weekly.where(col("reporting_country").equalTo(destination)).orderBy("week_start")
            .select("week_label", "entries", "exits", "net", "cumulative_net").collectAsList();
        JsonNode chart = figures.get("weekly-" + event + "-" + destination);
        assertEquals(column(rows, 0), texts(chart.get("categories")), destination + " weeks");
        assertEquals(column(rows, 1), numbers(series(chart, "entries")), destination + " entries");
        assertEquals(column(rows, 2), numbers(series(chart, "exits")), destination + " exits");
        assertEquals(column(rows, 3), numbers(series(chart, "net")), destination + " net");
        assertEquals(column(rows, 4),
            numbers(series(figures.get("cumulative-" + event), destination)).stream().filter(v -> v != null).toList(),
            destination + " cumulative net");
        charts++;
      }
    }
    assertTrue(charts >= 8, "a weekly chart per destination with data: " + charts);
  }

  @Test
  void estimateChartAndHeadlineHoldTheEstimates() {
    Dataset<Row> estimates = table("exodus_estimates");
    for (Row e : events()) {
      String event = e.getString(0);
      List<Row> rows = estimates.where(col("event_id").equalTo(event).and(col("destination").notEqual("ALL"))
          .and(col("method").notEqual("no_data"))).orderBy("destination")
          .select("excess_net", "excess_net_low", "excess_net_high").collectAsList();
      JsonNode chart = figures.get("estimates-" + event);
      assertEquals(column(rows, 0), numbers(series(chart, "excess_net")));
      JsonNode intervals = series(chart, "interval");
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(value(rows.get(i).get(1)), number(intervals.get(i).get(1)), "low " + i);
        assertEquals(value(rows.get(i).get(2)), number(intervals.get(i).get(2)), "high " + i);
      }
      Row all = estimates.where(col("event_id").equalTo(event).and(col("destination").equalTo("ALL"))).first();
      double excess = all.getDouble(all.fieldIndex("excess_net"));
      Matcher shown = Pattern.compile("data-field=\"exodus_estimates.excess_net\" data-key=\"" + event
          + "\\|ALL\" data-value=\"([^\"]*)\">([^<]*)<").matcher(dom);
      assertTrue(shown.find(), "the headline shows " + event);
      assertEquals(excess, Double.parseDouble(shown.group(1)), "headline value");
      assertEquals(String.format("%,.0f", excess), shown.group(2), "headline as printed");
    }
  }

  @Test
  void cohortAndQualityChartsHoldTheirTables() {
    List<Row> cohorts = table("exodus_cohorts").orderBy("event_id", "destination", "source", "horizon_days")
        .select("event_id", "destination", "source", "horizon_days", "km_share_present").collectAsList();
    assertFalse(cohorts.isEmpty(), "the sample has cohorts");
    for (Row r : cohorts) {
      JsonNode chart = figures.get("cohort-" + r.getString(0) + "-" + r.getString(1) + "-" + r.getString(2));
      JsonNode point = null;
      for (JsonNode p : series(chart, "event cohort")) {
        if (p.get(0).asInt() == r.getInt(3)) {
          point = p;
        }
      }
      // A share that is null (withheld or beyond the data) is no point of the curve.
      assertEquals(value(r.get(4)), point == null ? null : number(point.get(1)),
          "KM share at " + r.getInt(3) + " days: " + r);
    }
    Map<String, Long> counted = new LinkedHashMap<>();
    for (Row r : table("quality_checks").groupBy("check", "severity").count().collectAsList()) {
      counted.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
    }
    assertFalse(counted.isEmpty(), "the sample has findings");
    JsonNode chart = figures.get("quality-counts");
    Map<String, Long> drawn = new LinkedHashMap<>();
    for (JsonNode s : chart.get("series")) {
      for (int i = 0; i < s.get("data").size(); i++) {
        if (s.get("data").get(i).asLong() > 0) {
          drawn.put(chart.get("categories").get(i).asText() + "/" + s.get("name").asText(),
              s.get("data").get(i).asLong());
        }
      }
    }
    assertEquals(counted, drawn);
  }

  /**
   * Where the estimation methods publish exodus_sensitivity (one row per baseline method), the report draws one
   * estimate chart per method. Made here from exodus_estimates with two methods, the second shifted by 1,000, in
   * place of the run's own.
   */
  @Test
  void aSensitivityTableGivesOneEstimateChartPerBaselineMethod(@TempDir Path out) throws Exception {
    copyTree(published(), out);
    Dataset<Row> estimates = table("exodus_estimates");
    estimates.withColumn("baseline_method", lit("pre_event"))
        .unionByName(estimates.withColumn("baseline_method", lit("seasonal_trend"))
            .withColumn("excess_net", col("excess_net").plus(1000.0)))
        .coalesce(1).write().mode("overwrite").parquet(out.resolve("exodus_sensitivity").toString());
    assertEquals(0, org.borderflow.jobs.Borderflow.execute("report", "--out", out.toString()));
    String sensitivityDom = HeadlessChromium.find().orElseThrow().dumpDom(out.resolve("report/index.html"));
    JsonNode drawn = figuresOf(sensitivityDom);
    for (Row e : events()) {
      for (String method : List.of("pre_event", "seasonal_trend")) {
        String id = "sensitivity-" + e.getString(0) + "-" + method;
        assertTrue(sensitivityDom.contains("id=\"" + id + "\""), id + " on the page");
        List<Row> rows = spark.read().parquet(out.resolve("exodus_sensitivity").toString())
            .where(col("event_id").equalTo(e.getString(0)).and(col("baseline_method").equalTo(method))
                .and(col("destination").notEqual("ALL")).and(col("method").notEqual("no_data")))
            .orderBy("destination").select("excess_net").collectAsList();
        assertEquals(column(rows, 0), numbers(series(drawn.get(id), "excess_net")), id);
      }
    }
  }

  private static List<Row> events() {
    return ReportData.events(table("exodus_estimates")).select("event_id", "destinations").collectAsList();
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(published().resolve(name).toString());
  }

  private static JsonNode series(JsonNode chart, String name) {
    for (JsonNode s : chart.get("series")) {
      if (s.get("name").asText().equals(name)) {
        return s.get("data");
      }
    }
    throw new AssertionError("no series " + name + " in " + chart.get("title"));
  }

  /** A column of rows, numbers as doubles: a page's JSON does not keep 1000.0 apart from 1000. */
  private static List<Object> column(List<Row> rows, int i) {
    return rows.stream().map(r -> r.isNullAt(i) ? null : value(r.get(i))).toList();
  }

  private static Object value(Object v) {
    return v instanceof Number n ? (Object) n.doubleValue() : v;
  }

  private static List<Object> texts(JsonNode array) {
    List<Object> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<Object> numbers(JsonNode array) {
    List<Object> out = new ArrayList<>();
    array.forEach(v -> out.add(number(v)));
    return out;
  }

  private static Object number(JsonNode v) {
    return v == null || v.isNull() ? null : (Object) v.asDouble();
  }
}
