package org.borderflow.estimate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
import org.borderflow.config.EventDefinition;

/**
 * The exodus_estimates table (contract section 2.3) from net_remaining_weekly. The method is in the README
 * ("How an estimate is made"); in short: excess net = window net minus the baseline's mean weekly net times the
 * window's weeks; exits of a destination that reports entries only are imputed week by week from the pooled
 * exit/entry ratio of the destinations that report both; the interval adds a prediction interval for the baseline
 * to the spread of single-destination ratios.
 */
public final class ExodusEstimator {

  public static final String ALL = "ALL";
  public static final String OBSERVED = "observed";
  public static final String IMPUTED = "imputed_exits";
  public static final String NO_DATA = "no_data";

  public static final String[] COLUMNS = {"event_id", "origin", "destination", "window_start", "window_end", "weeks",
      "entries", "exits", "net", "baseline_weekly_net", "baseline_net", "excess_net", "excess_net_low",
      "excess_net_high", "entries_uplift", "method"};

  private ExodusEstimator() {}

  public static Dataset<Row> estimate(Dataset<Row> weekly, List<EventDefinition> events, double coverage) {
    SparkSession spark = weekly.sparkSession();
    Dataset<Row> cells = cells(spark, events);
    Dataset<Row> weeks = weeksOfCells(cells, weekly);
    Dataset<Row> reporting = weeks.groupBy("event_id", "destination")
        .agg(sum(col("exits")).gt(0).as("reports_exits"),
            sum(when(col("in_window"), lit(1)).otherwise(lit(0))).gt(0).as("has_window_data"));
    Dataset<Row> ratios = weekRatios(weeks.join(reporting, new String[] {"event_id", "destination"}));
    Dataset<Row> imputed = imputeExits(weeks.join(reporting, new String[] {"event_id", "destination"})
        .join(ratios, new String[] {"event_id", "week_start"}, "left"));
    Dataset<Row> perDestination = summarise(imputed);
    Dataset<Row> withNoData = cells
        .join(perDestination, new String[] {"event_id", "destination"}, "left")
        .withColumn("method", when(col("has_window_data").isNull().or(col("has_window_data").equalTo(false)),
            lit(NO_DATA)).when(col("reports_exits"), lit(OBSERVED)).otherwise(lit(IMPUTED)));
    int maxDegreesOfFreedom = events.stream().mapToInt(EventDefinition::baselineWeeks).max().orElse(1) - 1;
    Dataset<Row> destinations = publishedNumbers(withNoData, coverage, maxDegreesOfFreedom);
    return Columns.select(destinations, COLUMNS).unionByName(Columns.select(allDestinations(destinations), COLUMNS));
  }

  /** One row per (event, destination) with the event's dates. */
  static Dataset<Row> cells(SparkSession spark, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add("event_id", DataTypes.StringType, false)
        .add("origin", DataTypes.StringType, false)
        .add("destination", DataTypes.StringType, false)
        .add("window_start", DataTypes.DateType, false)
        .add("window_end", DataTypes.DateType, false)
        .add("baseline_start", DataTypes.DateType, false)
        .add("weeks", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      for (String destination : e.destinations()) {
        rows.add(RowFactory.create(e.id(), e.origin(), destination, Date.valueOf(e.windowStart()),
            Date.valueOf(e.windowLastDay()), Date.valueOf(e.baselineStart()), e.windowWeeks()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The weekly rows of each cell's origin and destination in its baseline or window weeks. */
  private static Dataset<Row> weeksOfCells(Dataset<Row> cells, Dataset<Row> weekly) {
    Column matches = weekly.col("citizenship").equalTo(cells.col("origin"))
        .and(weekly.col("reporting_country").equalTo(cells.col("destination")))
        .and(weekly.col("week_start").geq(cells.col("baseline_start")))
        .and(weekly.col("week_start").leq(cells.col("window_end")));
    return cells.join(weekly, matches)
        .select(cells.col("event_id"), cells.col("destination"), cells.col("window_start"),
            weekly.col("week_start"), weekly.col("entries"), weekly.col("exits"))
        .withColumn("in_window", col("week_start").geq(col("window_start")))
        .withColumn("event_week", col("week_start").equalTo(col("window_start")));
  }

  /** Pooled, lowest and highest exit/entry ratio per event and week over the destinations that report exits. */
  static Dataset<Row> weekRatios(Dataset<Row> weeksWithReporting) {
    Column ratio = col("exits").cast("double").divide(col("entries"));
    return weeksWithReporting
        .where(col("reports_exits").and(col("entries").gt(0)))
        .groupBy("event_id", "week_start")
        .agg(sum(col("exits")).cast("double").divide(sum(col("entries"))).as("pooled_ratio"),
            min(ratio).as("lowest_ratio"), max(ratio).as("highest_ratio"));
  }

  /**
   * Exits per week as used by the estimate, and at the lowest and highest ratio: the observed exits where the
   * destination reports them (all three equal), else entries times the ratio.
   */
  static Dataset<Row> imputeExits(Dataset<Row> weeks) {
    Column entries = col("entries").cast("double");
    return weeks
        .withColumn("exits_point", when(col("reports_exits"), col("exits").cast("double"))
            .otherwise(entries.multiply(col("pooled_ratio"))))
        .withColumn("exits_at_lowest", when(col("reports_exits"), col("exits").cast("double"))
            .otherwise(entries.multiply(col("lowest_ratio"))))
        .withColumn("exits_at_highest", when(col("reports_exits"), col("exits").cast("double"))
            .otherwise(entries.multiply(col("highest_ratio"))))
        .withColumn("net_point", entries.minus(col("exits_point")));
  }

  private static Column inWindow(Column value) {
    return when(col("in_window"), value);
  }

  private static Column inBaseline(Column value) {
    return when(col("in_window").unary_$bang(), value);
  }

  /** Window sums, baseline statistics and the interval per (event, destination). */
  static Dataset<Row> summarise(Dataset<Row> weeks) {
    return weeks.groupBy("event_id", "destination")
        .agg(sum(inWindow(col("entries"))).as("entries"),
            OrderFreeStats.sum(inWindow(col("exits_point"))).as("exits_window"),
            OrderFreeStats.sum(inWindow(col("exits_at_lowest"))).as("exits_window_lowest"),
            OrderFreeStats.sum(inWindow(col("exits_at_highest"))).as("exits_window_highest"),
            OrderFreeStats.mean(inBaseline(col("net_point"))).as("baseline_weekly_net"),
            OrderFreeStats.stddevSamp(inBaseline(col("net_point"))).as("baseline_sd"),
            count(inBaseline(col("net_point"))).as("baseline_n"),
            sum(when(col("event_week"), col("entries"))).as("event_week_entries"),
            avg(inBaseline(col("entries").cast("double"))).as("baseline_mean_entries"),
            min(col("reports_exits")).as("reports_exits"),
            max(col("has_window_data")).as("has_window_data"));
  }

  /** Turns sums into the published numbers; destinations without window data keep only their identity. */
  private static Dataset<Row> publishedNumbers(Dataset<Row> d, double coverage, int maxDegreesOfFreedom) {
    Column hasData = col("method").notEqual(lit(NO_DATA));
    Column exits = round(col("exits_window")).cast("long");
    Column baselineNet = col("baseline_weekly_net").multiply(col("weeks"));
    Column net = col("entries").minus(exits);
    Column excess = net.minus(baselineNet);
    Column halfWidth = tQuantile(col("baseline_n").minus(1), coverage, maxDegreesOfFreedom)
        .multiply(col("baseline_sd"))
        .multiply(sqrt(col("weeks").plus(col("weeks").multiply(col("weeks")).divide(col("baseline_n")))));
    Column atHighestRatio = col("entries").minus(col("exits_window_highest")).minus(baselineNet);
    Column atLowestRatio = col("entries").minus(col("exits_window_lowest")).minus(baselineNet);
    return d
        .withColumn("entries", when(hasData, col("entries")))
        .withColumn("exits", when(hasData, exits))
        .withColumn("net", when(hasData, net))
        .withColumn("baseline_weekly_net", when(hasData, col("baseline_weekly_net")))
        .withColumn("baseline_net", when(hasData, baselineNet))
        .withColumn("excess_net", when(hasData, excess))
        .withColumn("excess_net_low", when(hasData, least(excess, atHighestRatio).minus(halfWidth)))
        .withColumn("excess_net_high", when(hasData, greatest(excess, atLowestRatio).plus(halfWidth)))
        .withColumn("entries_uplift", when(hasData.and(col("baseline_mean_entries").gt(0)),
            col("event_week_entries").divide(col("baseline_mean_entries")).minus(1)))
        .withColumn("event_week_entries", when(hasData, col("event_week_entries")))
        .withColumn("baseline_mean_entries", when(hasData, col("baseline_mean_entries")));
  }

  /**
   * The 'ALL' row of each event: sums over the destinations with data. Interval bounds add up (no assumption that
   * destinations err independently: they share the imputation ratio), and a bound missing for any destination
   * leaves the total's bound missing rather than silently too narrow.
   */
  private static Dataset<Row> allDestinations(Dataset<Row> destinations) {
    Column withData = col("method").notEqual(lit(NO_DATA));
    return destinations
        .groupBy("event_id", "origin", "window_start", "window_end", "weeks")
        .agg(sum(col("entries")).as("entries"),
            sum(col("exits")).as("exits"),
            sum(col("net")).as("net"),
            OrderFreeStats.sum(col("baseline_weekly_net")).as("baseline_weekly_net"),
            OrderFreeStats.sum(col("baseline_net")).as("baseline_net"),
            completeSum("excess_net_low", withData),
            completeSum("excess_net_high", withData),
            completeSum("excess_net", withData).as("excess_complete"),
            sum(col("event_week_entries")).as("event_week_entries"),
            OrderFreeStats.sum(col("baseline_mean_entries")).as("baseline_mean_entries"),
            sum(when(col("method").equalTo(IMPUTED), lit(1)).otherwise(lit(0))).as("imputed"),
            sum(when(withData, lit(1)).otherwise(lit(0))).as("with_data"))
        .withColumn("excess_net", col("excess_complete"))
        .withColumn("entries_uplift", when(col("baseline_mean_entries").gt(0),
            col("event_week_entries").divide(col("baseline_mean_entries")).minus(1)))
        .withColumn("destination", lit(ALL))
        .withColumn("method", when(col("with_data").equalTo(0), lit(NO_DATA))
            .when(col("imputed").gt(0), lit(IMPUTED)).otherwise(lit(OBSERVED)));
  }

  /** Sum over destinations with data, null if any of them lacks the value. */
  private static Column completeSum(String column, Column withData) {
    Column missing = sum(when(withData.and(col(column).isNull()), lit(1)).otherwise(lit(0)));
    return when(missing.equalTo(0), OrderFreeStats.sum(when(withData, col(column)))).as(column);
  }

  /**
   * Two-sided Student-t quantile for the coverage, by degrees of freedom; null below 1 degree of freedom, where a
   * single baseline week gives no spread to build an interval from.
   */
  static Column tQuantile(Column degreesOfFreedom, double coverage, int maxDegreesOfFreedom) {
    double p = 1 - (1 - coverage) / 2;
    Column q = lit(null).cast("double");
    for (int df = maxDegreesOfFreedom; df >= 1; df--) {
      q = when(degreesOfFreedom.equalTo(df), lit(new TDistribution(df).inverseCumulativeProbability(p))).otherwise(q);
    }
    return q;
  }
}
