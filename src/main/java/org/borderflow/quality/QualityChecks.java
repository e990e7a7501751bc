package org.borderflow.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;

/**
 * Data-quality checks over the published series: each a small function from a published table to findings with the
 * {@link #SCHEMA} of {@code quality_checks}. They look at what the tables say, not at raw rows (row-level rules are
 * ingest's), so an analyst can redo any finding from the table it names.
 */
public final class QualityChecks {

  public static final String INCOMPLETE_WEEK_AT_EDGE = "incomplete_week_at_edge";
  public static final String MISSING_DAYS = "missing_days";
  public static final String ENTRIES_JUMP = "entries_jump";
  public static final String NET_JUMP = "net_jump";
  public static final String SOURCE_DISAGREEMENT = "source_disagreement";
  public static final String NEGATIVE_CUMULATIVE_STOCK = "negative_cumulative_stock";

  public static final StructType SCHEMA = new StructType()
      .add("check", DataTypes.StringType, false)
      .add("severity", DataTypes.StringType, false)
      .add("table_name", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, true)
      .add("reporting_country", DataTypes.StringType, true)
      .add("citizenship", DataTypes.StringType, true)
      .add("period_start", DataTypes.DateType, true)
      .add("period_end", DataTypes.DateType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("threshold", DataTypes.DoubleType, true)
      .add("message", DataTypes.StringType, false);

  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private static final String WEEKLY = "net_remaining_weekly";
  private static final String DAILY = "crossings_daily";
  private static final String RECONCILIATION = "source_reconciliation";
  /** 0.6745 is the normal quantile at 0.75: it scales a MAD to a standard deviation (Iglewicz and Hoaglin). */
  private static final double MAD_TO_SIGMA = 0.6745;

  private QualityChecks() {}

  /**
   * Weeks at the end of a country's and citizenship's series with fewer than 7 days: their totals are partial, so
   * a drop there is the calendar, not the travellers. Only the trailing run counts; a gap inside the series is
   * {@link #missingDays}' finding.
   */
  public static Dataset<Row> incompleteWeeksAtEdge(Dataset<Row> weekly, String severity) {
    WindowSpec fromTheEnd = Window.partitionBy("reporting_country", "citizenship").orderBy(col("week_start").desc())
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> edge = weekly
        .withColumn("complete_from_here", sum(when(col("complete"), 1).otherwise(0)).over(fromTheEnd))
        .where(col("complete_from_here").equalTo(0));
    return finding(edge, INCOMPLETE_WEEK_AT_EDGE, severity, WEEKLY, col("sources"), col("citizenship"),
        col("week_start"), date_add(col("week_start"), 6), col("days_reported").cast("double"), lit(7.0),
        concat(col("week_label"), lit(" of "), col("reporting_country"), lit("/"), col("citizenship"), lit(" has "),
            col("days_reported"), lit(" of 7 days at the end of the series: its totals are partial")));
  }

  /**
   * Days with no row of a source for a reporting country, between that source's first and last day there: one
   * finding per gap. A count source omits a citizenship nobody of crossed, so the unit is the source and country,
   * not the citizenship. A gap longer than {@code maxGapDays} separates two reporting periods (the same weeks of
   * earlier years, delivered for seasonal baselines), not a hole in one: it is no finding.
   */
  public static Dataset<Row> missingDays(Dataset<Row> daily, String severity, int maxGapDays) {
    WindowSpec next = Window.partitionBy("source", "reporting_country").orderBy("date");
    Dataset<Row> gaps = daily.select("source", "reporting_country", "date").distinct()
        .withColumn("next_date", lead(col("date"), 1).over(next))
        .where(datediff(col("next_date"), col("date")).between(2, maxGapDays + 1))
        .withColumn("missing", datediff(col("next_date"), col("date")).minus(1));
    return finding(gaps, MISSING_DAYS, severity, DAILY, col("source"), lit(null).cast("string"),
        date_add(col("date"), 1), date_sub(col("next_date"), 1), col("missing").cast("double"), lit(0.0),
        concat(col("source"), lit(" has no row for "), col("reporting_country"), lit(" on "), col("missing"),
            lit(" day(s) from "), date_add(col("date"), 1).cast("string"), lit(" to "),
            date_sub(col("next_date"), 1).cast("string"), lit(", inside the days it reports")));
  }

  /**
   * Complete weeks whose {@code measure} (entries or net) lies further than the rule's threshold in robust
   * deviations from the median of the complete weeks before it: score = 0.6745 (x - median) / MAD over at most
   * {@code historyWeeks} previous weeks, at least {@code minHistoryWeeks} of them. The median and MAD are not moved
   * by the odd outlier in the history, unlike a mean and standard deviation. A MAD below {@code minMad} is raised to
   * it, so a flat history does not turn a one-crossing change into an infinite score, and a change smaller than
   * {@code minChange} crossings is no finding, so that series of a few dozen a week do not flood the table.
   */
  public static Dataset<Row> jumps(Dataset<Row> weekly, String measure, String check, JumpRule rule,
                                   String severity) {
    WindowSpec before = Window.partitionBy("reporting_country", "citizenship").orderBy("week_start")
        .rowsBetween(-rule.historyWeeks(), -1);
    Dataset<Row> scored = weekly.where(col("complete"))
        .withColumn("history", collect_list(col(measure).cast("double")).over(before))
        .withColumn("history", array_sort(col("history")))
        .where(expr("size(history)").geq(rule.minHistoryWeeks()))
        // + 0.0 turns a median of -0.0 into 0.0, which format_number would print as "-0".
        .withColumn("hist_median", median("history").plus(0.0))
        .withColumn("deviations", expr("array_sort(transform(history, v -> abs(v - hist_median)))"))
        .withColumn("mad", greatest(median("deviations"), lit(rule.minMad())))
        .withColumn("score", lit(MAD_TO_SIGMA).multiply(col(measure).minus(col("hist_median"))).divide(col("mad")))
        .where(abs(col("score")).gt(rule.threshold())
            .and(abs(col(measure).minus(col("hist_median"))).geq(rule.minChange())));
    return finding(scored, check, severity, WEEKLY, col("sources"), col("citizenship"), col("week_start"),
        date_add(col("week_start"), 6), col("score"), lit(rule.threshold()),
        concat(lit(measure + " of "), col("week_label"), lit(" at "), col("reporting_country"), lit("/"),
            col("citizenship"), lit(" ("), format_number(col(measure), 0), lit(") is "),
            format_number(abs(col("score")), 1), lit(" robust deviations "),
            when(col("score").gt(0), lit("above")).otherwise(lit("below")), lit(" the median of the "),
            expr("size(history)"), lit(" complete weeks before ("), format_number(col("hist_median"), 0),
            lit(", MAD "), format_number(col("mad"), 0), lit(")")));
  }

  /**
   * Weeks in which a source set aside by precedence disagrees with the source counted by more than
   * {@code tolerance}: the sum of the daily absolute differences over the crossings counted (at least 1). Absolute
   * values, so that days over and under do not cancel.
   */
  public static Dataset<Row> sourceDisagreement(Dataset<Row> reconciliation, double tolerance, String severity) {
    Dataset<Row> weeks = reconciliation
        .withColumn("week_start", date_trunc("week", col("date")).cast("date"))
        .groupBy("reporting_country", "citizenship", "direction", "counted_source", "set_aside_source", "week_start")
        .agg(sum("counted_crossings").as("counted"), sum(abs(col("difference"))).as("apart"),
            min("date").as("first_day"), max("date").as("last_day"))
        .withColumn("share", col("apart").divide(greatest(col("counted"), lit(1L))))
        .where(col("share").gt(tolerance));
    return finding(weeks, SOURCE_DISAGREEMENT, severity, RECONCILIATION, col("set_aside_source"),
        col("citizenship"), col("first_day"), col("last_day"), col("share"), lit(tolerance),
        concat(col("set_aside_source"), lit(" (set aside) and "), col("counted_source"), lit(" (counted) differ by "),
            format_number(col("apart"), 0), lit(" "), col("direction"), lit(" crossings of "),
            col("reporting_country"), lit("/"), col("citizenship"), lit(" in the week of "),
            col("week_start").cast("string"), lit(", "), format_number(col("share").multiply(100), 1),
            lit("% of the "), format_number(col("counted"), 0), lit(" counted")));
  }

  /**
   * Series whose cumulative net goes below zero: more exits than entries since the first week in the data. One
   * finding per series, from its first negative week to its last, with the lowest value. It means the data starts
   * after people had arrived (they leave without having been seen entering) or that entries are missing.
   */
  public static Dataset<Row> negativeCumulativeStock(Dataset<Row> weekly, String severity) {
    Dataset<Row> series = weekly.where(col("cumulative_net").lt(0))
        .groupBy("reporting_country", "citizenship")
        .agg(min("week_start").as("first_week"), max("week_start").as("last_week"),
            min("cumulative_net").as("lowest"), count(lit(1)).as("weeks"),
            expr("min_by(sources, cumulative_net)").as("sources"));
    return finding(series, NEGATIVE_CUMULATIVE_STOCK, severity, WEEKLY, col("sources"), col("citizenship"),
        col("first_week"), date_add(col("last_week"), 6), col("lowest").cast("double"), lit(0.0),
        concat(lit("cumulative net of "), col("reporting_country"), lit("/"), col("citizenship"),
            lit(" is below zero in "), col("weeks"), lit(" week(s) from the week of "),
            date_format(col("first_week"), "yyyy-MM-dd"), lit(", lowest "), format_number(col("lowest"), 0),
            lit(": more exits than entries since the series began")));
  }

  /** Findings ordered as a reader wants them: errors first, then by check, place and period. */
  public static Dataset<Row> ordered(Dataset<Row> findings) {
    Column rank = when(col("severity").equalTo(Severity.ERROR.label()), 0)
        .when(col("severity").equalTo(Severity.WARNING.label()), 1).otherwise(2);
    return findings.orderBy(rank, col("check"), col("reporting_country"), col("citizenship"), col("source"),
        col("period_start"));
  }

  private static Dataset<Row> finding(Dataset<Row> rows, String check, String severity, String table, Column source,
                                      Column citizenship, Column start, Column end, Column value, Column threshold,
                                      Column message) {
    return Columns.select(rows.select(lit(check).as("check"), lit(severity).as("severity"), lit(table).as("table_name"),
        source.cast("string").as("source"), col("reporting_country").cast("string").as("reporting_country"),
        citizenship.cast("string").as("citizenship"), start.cast("date").as("period_start"),
        end.cast("date").as("period_end"), value.cast("double").as("value"),
        threshold.cast("double").as("threshold"), coalesce(message, lit(check)).as("message")), COLUMNS);
  }

  /**
   * The median of a sorted array column; null for an empty one. The guard is needed although empty histories are
   * filtered out first: the optimizer may push the later score filter, and with it this expression, below that
   * filter, and element_at(array, 0) fails under ANSI mode.
   */
  private static Column median(String sortedArray) {
    String n = "size(" + sortedArray + ")";
    return expr("case when " + n + " > 0 then (element_at(" + sortedArray + ", cast(floor((" + n
        + " - 1) / 2) as int) + 1) + element_at(" + sortedArray + ", cast(floor(" + n + " / 2) as int) + 1)) / 2 end");
  }
}
