package org.borderflow.estimate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
import org.borderflow.config.EventDefinition;

/**
 * The exodus_estimates and exodus_sensitivity tables (contract sections 2.3 and 3) from net_remaining_weekly. The
 * method is in the README ("How an estimate is made", "Baselines"); in short: excess net = window net minus what
 * the baseline predicts for the window; exits of a destination that reports entries only are imputed week by week
 * from the pooled exit/entry ratio of the destinations that report both; every baseline is computed for every
 * destination (exodus_sensitivity) and the event's primary one is published in exodus_estimates.
 */
public final class ExodusEstimator {

  public static final String ALL = "ALL";
  public static final String OBSERVED = "observed";
  public static final String IMPUTED = "imputed_exits";
  public static final String NO_DATA = "no_data";

  /** {@code baseline_method} comes last: columns are added to a published table, never moved. */
  public static final String[] COLUMNS = {"event_id", "origin", "destination", "window_start", "window_end", "weeks",
      "entries", "exits", "net", "baseline_weekly_net", "baseline_net", "excess_net", "excess_net_low",
      "excess_net_high", "entries_uplift", "method", "baseline_method"};

  /** The figures of one destination under one baseline, as the per-destination computation returns them. */
  static final StructType FIGURES = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("destination", DataTypes.StringType, false)
      .add("baseline_method", DataTypes.StringType, false)
      .add("entries", DataTypes.LongType, false)
      .add("exits", DataTypes.LongType, false)
      .add("net", DataTypes.LongType, false)
      .add("baseline_weekly_net", DataTypes.DoubleType, true)
      .add("baseline_net", DataTypes.DoubleType, true)
      .add("excess_net", DataTypes.DoubleType, true)
      .add("excess_net_low", DataTypes.DoubleType, true)
      .add("excess_net_high", DataTypes.DoubleType, true)
      .add("entries_uplift", DataTypes.DoubleType, true)
      .add("event_week_entries", DataTypes.DoubleType, true)
      .add("expected_event_week_entries", DataTypes.DoubleType, true)
      .add("baseline_se", DataTypes.DoubleType, true)
      .add("baseline_df", DataTypes.IntegerType, true)
      .add("imputation_se", DataTypes.DoubleType, true)
      .add("imputation_df", DataTypes.IntegerType, true)
      .add("method", DataTypes.StringType, false);

  private ExodusEstimator() {}

  /** exodus_estimates: the rows of exodus_sensitivity under each event's primary baseline. */
  public static Dataset<Row> estimate(Dataset<Row> weekly, List<EventDefinition> events, double coverage) {
    return primary(sensitivity(weekly, events, coverage), events);
  }

  /** The rows of each event's primary baseline. */
  public static Dataset<Row> primary(Dataset<Row> sensitivity, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add("event_id", DataTypes.StringType, false)
        .add("baseline_method", DataTypes.StringType, false);
    List<Row> rows = events.stream().map(e -> RowFactory.create(e.id(), e.baselineMethod())).toList();
    Dataset<Row> chosen = sensitivity.sparkSession().createDataFrame(rows, schema);
    return sensitivity.join(broadcast(chosen), new String[] {"event_id", "baseline_method"}, "left_semi");
  }

  /** exodus_sensitivity: every event, destination (and ALL) and baseline method. */
  public static Dataset<Row> sensitivity(Dataset<Row> weekly, List<EventDefinition> events, double coverage) {
    SparkSession spark = weekly.sparkSession();
    Dataset<Row> cells = cells(spark, events);
    Dataset<Row> weeks = weeksOfCells(cells, EventWeeks.of(spark, events), weekly);
    Dataset<Row> reporting = weeks.groupBy("event_id", "destination")
        .agg(sum(col("exits")).gt(0).as("reports_exits"));
    Dataset<Row> preEvent = weeks.where(col("pre_event")).groupBy("event_id", "destination")
        .agg(avg(col("entries").cast("double")).as("pre_entries"), avg(col("exits").cast("double")).as("pre_exits"));
    Dataset<Row> withReporting = weeks.join(reporting, new String[] {"event_id", "destination"})
        .join(preEvent, new String[] {"event_id", "destination"}, "left");
    Dataset<Row> imputed = withReporting.join(pools(withReporting), new String[] {"event_id", "week_start"}, "left")
        .withColumn("pool", when(col("reports_exits"), lit(null)).otherwise(col("pool")));
    Dataset<Row> figures = perDestination(imputed, coverage);
    Dataset<Row> methods = spark.createDataFrame(EventDefinition.BASELINE_METHODS.stream()
        .map(m -> RowFactory.create(m)).toList(), new StructType().add("baseline_method", DataTypes.StringType));
    Dataset<Row> destinations = cells.crossJoin(methods)
        .join(figures, new String[] {"event_id", "destination", "baseline_method"}, "left")
        .withColumn("method", when(col("method").isNull(), lit(NO_DATA)).otherwise(col("method")));
    Dataset<Row> totals = allDestinations(destinations, totalBaselines(imputed), coverage);
    return Columns.select(destinations, COLUMNS).unionByName(Columns.select(totals, COLUMNS));
  }

  /** One row per (event, destination) with the event's dates and the settings of its baselines. */
  static Dataset<Row> cells(SparkSession spark, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add("event_id", DataTypes.StringType, false)
        .add("origin", DataTypes.StringType, false)
        .add("destination", DataTypes.StringType, false)
        .add("window_start", DataTypes.DateType, false)
        .add("window_end", DataTypes.DateType, false)
        .add("weeks", DataTypes.IntegerType, false)
        .add("harmonics", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      for (String destination : e.destinations()) {
        rows.add(RowFactory.create(e.id(), e.origin(), destination, Date.valueOf(e.windowStart()),
            Date.valueOf(e.windowLastDay()), e.windowWeeks(), e.harmonics()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The weekly rows of each cell's origin and destination in the weeks its baselines or its window use. */
  private static Dataset<Row> weeksOfCells(Dataset<Row> cells, Dataset<Row> eventWeeks, Dataset<Row> weekly) {
    Dataset<Row> wanted = broadcast(cells.join(eventWeeks, "event_id"));
    Column matches = weekly.col("citizenship").equalTo(wanted.col("origin"))
        .and(weekly.col("reporting_country").equalTo(wanted.col("destination")))
        .and(weekly.col("week_start").equalTo(wanted.col("week_start")));
    List<Column> out = new ArrayList<>();
    for (String c : wanted.columns()) {
      out.add(wanted.col(c));
    }
    out.add(weekly.col("entries"));
    out.add(weekly.col("exits"));
    return wanted.join(weekly, matches).select(out.toArray(Column[]::new));
  }

  /**
   * Per event and week, the destinations that report exits and had entries, each with its entries, exits and
   * pre-event weekly means: what the exits of an entries-only destination are imputed from ({@link ExitImputation}).
   */
  static Dataset<Row> pools(Dataset<Row> weeksWithReporting) {
    return weeksWithReporting
        .where(col("reports_exits").and(col("entries").gt(0)))
        .groupBy("event_id", "week_start")
        .agg(collect_list(struct(col("destination"), col("entries").cast("double").as("entries"),
            col("exits").cast("double").as("exits"), col("pre_entries"), col("pre_exits"))).as("pool"));
  }

  /** Every baseline's figures per (event, destination) with window data, from its weeks in time order. */
  static Dataset<Row> perDestination(Dataset<Row> weeks, double coverage) {
    FlatMapGroupsFunction<String, Row, Row> estimate = (key, rows) -> {
      List<Row> group = new ArrayList<>();
      rows.forEachRemaining(group::add);
      group.sort(Comparator.comparing(r -> r.<Date>getAs("week_start")));
      List<BaselineWeek> series = group.stream().map(ExodusEstimator::baselineWeek).toList();
      List<Row> out = new ArrayList<>();
      if (series.stream().noneMatch(BaselineWeek::window)) {
        return out.iterator();
      }
      Row first = group.get(0);
      boolean imputed = !first.<Boolean>getAs("reports_exits");
      LocalDate windowStart = first.<Date>getAs("window_start").toLocalDate();
      int weeksInWindow = first.<Integer>getAs("weeks");
      int harmonics = first.<Integer>getAs("harmonics");
      Double eventWeekEntries = series.stream().filter(BaselineWeek::eventWeek).map(BaselineWeek::entries)
          .findFirst().orElse(null);
      for (String method : EventDefinition.BASELINE_METHODS) {
        DestinationEstimate e = DestinationEstimate.of(method, series, windowStart, weeksInWindow, harmonics,
            imputed, coverage);
        Double expectedEntries = e.entriesUplift() == null ? null : eventWeekEntries / (1 + e.entriesUplift());
        out.add(RowFactory.create(first.getAs("event_id"), first.getAs("destination"), method, e.entries(),
            e.exits(), e.net(), e.baselineWeeklyNet(), e.baselineNet(), e.excessNet(), e.low(), e.high(),
            e.entriesUplift(), e.entriesUplift() == null ? null : eventWeekEntries, expectedEntries,
            e.baselineSe(), e.baselineDf(), e.imputationSe(), e.imputationDf(), e.baselineMissing() ? NO_DATA : imputed ? IMPUTED : OBSERVED));
      }
      return out.iterator();
    };
    return weeks
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("event_id") + "\u0000" + r.getAs("destination"),
            Encoders.STRING())
        .flatMapGroups(estimate, Encoders.row(FIGURES));
  }

  /** The baselines' errors on the summed weekly series of each event's destinations, as {@link #totalBaselines}. */
  static final StructType TOTAL_BASELINES = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("baseline_method", DataTypes.StringType, false)
      .add("total_baseline_se", DataTypes.DoubleType, true)
      .add("total_baseline_df", DataTypes.IntegerType, true);

  /**
   * Per event and baseline, the standard error and degrees of freedom of the baseline's prediction for the sum of
   * the destinations with window data: the baseline is applied to their summed weekly net (imputed exits included),
   * over the weeks that all of them have. Destinations share a season and a calendar, so their baseline errors are
   * not independent; the summed series carries those covariances, and the degrees of freedom are its own.
   */
  static Dataset<Row> totalBaselines(Dataset<Row> weeks) {
    FlatMapGroupsFunction<String, Row, Row> total = (event, rows) -> {
      java.util.Map<String, List<Row>> byDestination = new java.util.TreeMap<>();
      rows.forEachRemaining(r -> byDestination.computeIfAbsent(r.getAs("destination"), d -> new ArrayList<>()).add(r));
      java.util.Map<LocalDate, BaselineWeek> summed = new java.util.TreeMap<>();
      java.util.Map<LocalDate, Integer> counts = new java.util.HashMap<>();
      int withData = 0;
      Row first = null;
      for (List<Row> group : byDestination.values()) {
        List<BaselineWeek> series = group.stream().map(ExodusEstimator::baselineWeek).toList();
        if (series.stream().noneMatch(BaselineWeek::window)) {
          continue;
        }
        withData++;
        first = group.get(0);
        for (BaselineWeek w : series) {
          if (w.exits() != null) {
            summed.merge(w.weekStart(), w, BaselineWeek::plus);
            counts.merge(w.weekStart(), 1, Integer::sum);
          }
        }
      }
      List<Row> out = new ArrayList<>();
      if (first == null) {
        return out.iterator();
      }
      int destinations = withData;
      List<BaselineWeek> complete = summed.values().stream()
          .filter(w -> counts.get(w.weekStart()) == destinations).toList();
      LocalDate windowStart = first.<Date>getAs("window_start").toLocalDate();
      for (String method : EventDefinition.BASELINE_METHODS) {
        Baselines.Prediction p = Baselines.predict(method, complete, BaselineWeek::net, windowStart,
            first.<Integer>getAs("weeks"), first.<Integer>getAs("harmonics"));
        boolean spread = p != null && p.se() != null && p.df() >= 1;
        out.add(RowFactory.create(event, method, spread ? p.se() : null, spread ? p.df() : null));
      }
      return out.iterator();
    };
    return weeks.groupByKey((MapFunction<Row, String>) r -> r.getAs("event_id"), Encoders.STRING())
        .flatMapGroups(total, Encoders.row(TOTAL_BASELINES));
  }

  /** A week of the per-destination computation; an entries-only destination's exits are imputed here. */
  private static BaselineWeek baselineWeek(Row r) {
    boolean window = r.getAs("in_window");
    Double exits = r.<Long>getAs("exits").doubleValue();
    List<ExitImputation.Member> pool = null;
    if (!r.<Boolean>getAs("reports_exits")) {
      pool = new ArrayList<>();
      if (!r.isNullAt(r.fieldIndex("pool"))) {
        for (Row m : r.<Row>getList(r.fieldIndex("pool"))) {
          pool.add(new ExitImputation.Member(m.getString(0), m.getDouble(1), m.getDouble(2),
              m.isNullAt(3) ? null : m.getDouble(3), m.isNullAt(4) ? null : m.getDouble(4)));
        }
      }
      // Sorted, so that the sums do not depend on the order Spark collected the pool in.
      pool.sort(Comparator.comparing(ExitImputation.Member::destination));
      double entries = r.<Long>getAs("entries");
      Double ownPre = r.getAs("pre_entries");
      exits = ExitImputation.exits(entries, ownPre, window, pool, null);
    }
    return new BaselineWeek(r.<Date>getAs("week_start").toLocalDate(), window, r.getAs("event_week"),
        r.getAs("pre_event"), r.getAs("aligned_year"), r.getAs("aligned_event_week"), r.getAs("fit"),
        r.getAs("prior_year"), r.<Long>getAs("entries"), exits, pool);
  }

  /**
   * The 'ALL' row of each event and baseline: sums over the destinations with window data, and a figure missing for
   * any destination with data leaves the total's missing rather than silently too small. The baseline's error is
   * its error on the summed series ({@link #totalBaselines}). The imputation errors are added, not combined (the
   * destinations are imputed from the same pool, so they err together), and the two errors are combined as
   * independent ones with the Welch-Satterthwaite degrees of freedom of their sum, as for one destination.
   */
  private static Dataset<Row> allDestinations(Dataset<Row> destinations, Dataset<Row> totalBaselines,
                                              double coverage) {
    Column withData = col("entries").isNotNull();
    Column baselineVariance = col("total_baseline_se").multiply(col("total_baseline_se"));
    Column imputationVariance = col("imputation_se").multiply(col("imputation_se"));
    return destinations
        .groupBy("event_id", "origin", "window_start", "window_end", "weeks", "baseline_method")
        .agg(sum(col("entries")).as("entries"),
            sum(col("exits")).as("exits"),
            sum(col("net")).as("net"),
            completeSum("baseline_weekly_net", withData),
            completeSum("baseline_net", withData),
            completeSum("excess_net", withData),
            completeSum("baseline_se", withData),
            completeSum("imputation_se", withData),
            min(col("imputation_df")).as("imputation_df"),
            completeSum("event_week_entries", withData),
            completeSum("expected_event_week_entries", withData),
            sum(when(col("method").equalTo(IMPUTED), lit(1)).otherwise(lit(0))).as("imputed"),
            sum(when(col("method").equalTo(NO_DATA).and(withData), lit(1)).otherwise(lit(0))).as("no_baseline"),
            sum(when(withData, lit(1)).otherwise(lit(0))).as("with_data"))
        .join(broadcast(totalBaselines), new String[] {"event_id", "baseline_method"}, "left")
        .withColumn("half_width", when(col("baseline_se").isNotNull(), halfWidthOfSum(coverage).apply(
            baselineVariance.plus(imputationVariance),
            baselineVariance.multiply(baselineVariance).divide(col("total_baseline_df")).plus(
                when(imputationVariance.gt(0), imputationVariance.multiply(imputationVariance)
                    .divide(col("imputation_df"))).otherwise(lit(0.0))))))
        .withColumn("excess_net_low", col("excess_net").minus(col("half_width")))
        .withColumn("excess_net_high", col("excess_net").plus(col("half_width")))
        .withColumn("entries_uplift", when(col("expected_event_week_entries").gt(0),
            col("event_week_entries").divide(col("expected_event_week_entries")).minus(1)))
        .withColumn("destination", lit(ALL))
        .withColumn("method", when(col("with_data").equalTo(0).or(col("no_baseline").gt(0)), lit(NO_DATA))
            .when(col("imputed").gt(0), lit(IMPUTED)).otherwise(lit(OBSERVED)));
  }

  /** {@link DestinationEstimate#halfWidthOfSum} of two columns; null where either is. */
  private static UserDefinedFunction halfWidthOfSum(double coverage) {
    return udf((UDF2<Double, Double, Double>) (variance, spread) -> variance == null || spread == null ? null
        : DestinationEstimate.halfWidthOfSum(variance, spread, coverage), DataTypes.DoubleType);
  }

  /** Sum over destinations with data, null if any of them lacks the value. */
  private static Column completeSum(String column, Column withData) {
    return completeSum(column, withData, col(column));
  }

  /** Sum of {@code value} over destinations with data, null if any of them lacks {@code column}. */
  private static Column completeSum(String column, Column withData, Column value) {
    Column missing = sum(when(withData.and(col(column).isNull()), lit(1)).otherwise(lit(0)));
    return when(missing.equalTo(0), OrderFreeStats.sum(when(withData, value))).as(column);
  }
}
