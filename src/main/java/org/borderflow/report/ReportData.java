package org.borderflow.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.borderflow.quality.QualityChecks;
import org.borderflow.quality.QualitySettings;

/**
 * The figures of the report, gathered from the published tables into one JSON document. Each is a small
 * Dataset-to-Dataset function of a published table, so a test can compute the same figures and compare them with
 * what the page shows. Only aggregates the size of a few hundred rows reach the driver.
 */
public final class ReportData {

  static final String WEEKLY = "net_remaining_weekly";
  static final String ESTIMATES = "exodus_estimates";
  /** Published by the estimation methods when they run; the report does without it. */
  static final String SENSITIVITY = "exodus_sensitivity";
  static final String RECONCILIATION = "source_reconciliation";
  static final String COHORTS = "exodus_cohorts";
  static final String QUALITY = "quality_checks";
  static final String ALL = "ALL";
  /** Findings listed in the page's table; the chart counts all of them. */
  static final int FINDINGS_LISTED = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportData() {}

  /** The events of the estimates: id, origin, window, and the destinations with data, in destination order. */
  public static Dataset<Row> events(Dataset<Row> estimates) {
    return estimates.where(col("destination").notEqual(ALL).and(col("method").notEqual("no_data")))
        .groupBy("event_id", "origin", "window_start", "window_end")
        .agg(org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.collect_set("destination"))
            .as("destinations"))
        .orderBy("event_id");
  }

  /** Each event's weekly series: the origin's citizens at each destination with data, in week order. */
  public static Dataset<Row> weekly(Dataset<Row> weekly, Dataset<Row> events) {
    Dataset<Row> destinations = events.selectExpr("event_id", "origin", "window_start", "window_end",
        "explode(destinations) as reporting_country");
    return weekly.join(destinations, weekly.col("citizenship").equalTo(destinations.col("origin"))
            .and(weekly.col("reporting_country").equalTo(destinations.col("reporting_country"))))
        .select(col("event_id"), weekly.col("reporting_country"), col("week_label"), col("week_start"),
            col("entries"), col("exits"), col("net"), col("cumulative_net"), col("days_reported"), col("complete"))
        .orderBy("event_id", "reporting_country", "week_start");
  }

  /** The first and last ISO week labels of each event's window, as the weekly table names them. */
  public static Dataset<Row> windowWeeks(Dataset<Row> weekly, Dataset<Row> events) {
    return weekly.join(events, weekly.col("week_start").between(events.col("window_start"), events.col("window_end")))
        .groupBy("event_id").agg(org.apache.spark.sql.functions.min("week_label").as("window_first_week"),
            org.apache.spark.sql.functions.max("week_label").as("window_last_week"));
  }

  /** Estimates (primary, or per baseline method for the sensitivity table) in event and destination order. */
  public static Dataset<Row> estimates(Dataset<Row> estimates) {
    List<String> columns = List.of(estimates.columns());
    String[] order = columns.contains("baseline_method")
        ? new String[] {"event_id", "baseline_method", "destination"} : new String[] {"event_id", "destination"};
    return estimates.orderBy(order[0], java.util.Arrays.copyOfRange(order, 1, order.length));
  }

  /** Reconciliation per country, pair of sources, direction and day, all citizenships together. */
  public static Dataset<Row> reconciliation(Dataset<Row> reconciliation) {
    return reconciliation.groupBy("reporting_country", "counted_source", "set_aside_source", "direction", "date")
        .agg(sum("counted_crossings").as("counted_crossings"), sum("set_aside_crossings").as("set_aside_crossings"),
            sum("difference").as("difference"))
        .orderBy("reporting_country", "counted_source", "set_aside_source", "direction", "date");
  }

  /** Findings per check and severity. */
  public static Dataset<Row> qualityCounts(Dataset<Row> findings) {
    return findings.groupBy("check", "severity").agg(count(col("check")).as("findings")).orderBy("check", "severity");
  }

  /** Everything the page shows, from the tables under {@code out} and the run's manifest. */
  static ObjectNode gather(SparkSession spark, Path out, JsonNode manifest) throws IOException {
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    ObjectNode data = JSON.createObjectNode();
    data.set("run", runSummary(manifest));

    Dataset<Row> estimates = read(spark, fs, out, ESTIMATES);
    Dataset<Row> weeklyTable = read(spark, fs, out, WEEKLY);
    Dataset<Row> events = events(estimates).cache();
    ArrayNode eventList = rows(events.join(windowWeeks(weeklyTable, events), new String[] {"event_id"}, "left")
        .orderBy("event_id"));
    data.set("events", eventList);
    data.set("weekly", rows(weekly(weeklyTable, events)));
    events.unpersist();
    data.set("estimates", rows(estimates(estimates)));
    Path sensitivity = new Path(out, SENSITIVITY);
    data.set("sensitivity", fs.exists(sensitivity) ? rows(estimates(spark.read().parquet(sensitivity.toString())))
        : null);
    data.set("reconciliation", rows(reconciliation(read(spark, fs, out, RECONCILIATION))));
    data.set("cohorts", rows(read(spark, fs, out, COHORTS).orderBy("event_id", "destination", "source",
        "horizon_days")));

    Path qualityPath = new Path(out, QUALITY);
    Dataset<Row> findings = fs.exists(qualityPath)
        ? spark.read().schema(QualityChecks.SCHEMA).parquet(qualityPath.toString())
        : spark.createDataFrame(List.of(), QualityChecks.SCHEMA);
    long total = findings.count();
    data.set("quality", rows(QualityChecks.ordered(findings).limit(FINDINGS_LISTED)));
    data.put("quality_total", total);
    data.put("quality_listed", Math.min(total, FINDINGS_LISTED));
    data.set("quality_counts", rows(qualityCounts(findings)));
    ArrayNode known = data.putArray("quality_checks_known");
    QualitySettings.CHECKS.forEach(known::add);
    return data;
  }

  /** The manifest's parts a reader needs: identity, times, versions, accounting, headline and quality summary. */
  static ObjectNode runSummary(JsonNode manifest) {
    ObjectNode run = JSON.createObjectNode();
    for (String field : List.of("run_id", "status", "started_at", "ended_at", "code_version", "spark_version",
        "spark_master")) {
      run.set(field, manifest.get(field));
    }
    run.set("as_of", manifest.path("parameters").get("as_of"));
    for (String field : List.of("sources", "tables", "estimates", "quality_checks")) {
      run.set(field, manifest.get(field));
    }
    return run;
  }

  private static Dataset<Row> read(SparkSession spark, FileSystem fs, Path out, String table) throws IOException {
    Path path = new Path(out, table);
    if (!fs.exists(path)) {
      throw new IllegalStateException("no published table " + table + " under " + out + ": run the pipeline first");
    }
    return spark.read().parquet(path.toString());
  }

  /** Rows as JSON objects, dates as yyyy-MM-dd, through Spark's own JSON writer (nulls are left out). */
  static ArrayNode rows(Dataset<Row> df) {
    ArrayNode out = JSON.createArrayNode();
    for (String json : df.toJSON().collectAsList()) {
      try {
        out.add(JSON.readTree(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
