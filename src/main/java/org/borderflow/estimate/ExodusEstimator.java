package org.borderflow.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

  /** The figures of one destination under one baseline: the layout of the rows {@link #figures} returns. */
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
  private static final int F_ENTRIES = FIGURES.fieldIndex("entries");
  private static final int F_EXITS = FIGURES.fieldIndex("exits");
  private static final int F_NET = FIGURES.fieldIndex("net");
  private static final int F_BASELINE_WEEKLY_NET = FIGURES.fieldIndex("baseline_weekly_net");
  private static final int F_BASELINE_NET = FIGURES.fieldIndex("baseline_net");
  private static final int F_EXCESS_NET = FIGURES.fieldIndex("excess_net");
  private static final int F_EXCESS_NET_LOW = FIGURES.fieldIndex("excess_net_low");
  private static final int F_EXCESS_NET_HIGH = FIGURES.fieldIndex("excess_net_high");
  private static final int F_ENTRIES_UPLIFT = FIGURES.fieldIndex("entries_uplift");
  private static final int F_EVENT_WEEK_ENTRIES = FIGURES.fieldIndex("event_week_entries");
  private static final int F_EXPECTED_EVENT_WEEK_ENTRIES = FIGURES.fieldIndex("expected_event_week_entries");
  private static final int F_BASELINE_SE = FIGURES.fieldIndex("baseline_se");
  private static final int F_BASELINE_DF = FIGURES.fieldIndex("baseline_df");
  private static final int F_IMPUTATION_SE = FIGURES.fieldIndex("imputation_se");
  private static final int F_IMPUTATION_DF = FIGURES.fieldIndex("imputation_df");
  private static final int F_METHOD = FIGURES.fieldIndex("method");

  /** The published columns of exodus_estimates and exodus_sensitivity, in {@link #COLUMNS}' order. */
  public static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("origin", DataTypes.StringType, false)
      .add("destination", DataTypes.StringType, false)
      .add("window_start", DataTypes.DateType, false)
      .add("window_end", DataTypes.DateType, false)
      .add("weeks", DataTypes.IntegerType, false)
      .add("entries", DataTypes.LongType, true)
      .add("exits", DataTypes.LongType, true)
      .add("net", DataTypes.LongType, true)
      .add("baseline_weekly_net", DataTypes.DoubleType, true)
      .add("baseline_net", DataTypes.DoubleType, true)
      .add("excess_net", DataTypes.DoubleType, true)
      .add("excess_net_low", DataTypes.DoubleType, true)
      .add("excess_net_high", DataTypes.DoubleType, true)
      .add("entries_uplift", DataTypes.DoubleType, true)
      .add("method", DataTypes.StringType, false)
      .add("baseline_method", DataTypes.StringType, false);

  private ExodusEstimator() {}

  /** exodus_estimates: the rows of exodus_sensitivity under each event's primary baseline. */
  public static Dataset<Row> estimate(Dataset<Row> weekly, List<EventDefinition> events, double coverage) {
    return primary(sensitivity(weekly, events, coverage), events);
  }

  /**
   * The rows of each event's primary baseline. A filter, not a join with a table of the choices: on the few rows
   * {@link #sensitivity} returns, Spark evaluates it while planning and runs no job for it.
   */
  public static Dataset<Row> primary(Dataset<Row> sensitivity, List<EventDefinition> events) {
    Column chosen = lit(false);
    for (EventDefinition e : events) {
      chosen = chosen.or(col("event_id").equalTo(e.id()).and(col("baseline_method").equalTo(e.baselineMethod())));
    }
    // The published table has always put baseline_method second (it was a join on event_id and baseline_method,
    // whose keys come first): columns are never moved.
    List<Column> columns = new ArrayList<>(List.of(col("event_id"), col("baseline_method")));
    for (String c : COLUMNS) {
      if (!c.equals("event_id") && !c.equals("baseline_method")) {
        columns.add(col(c));
      }
    }
    return sensitivity.where(chosen).select(columns.toArray(Column[]::new));
  }

  /**
   * exodus_sensitivity: every event, destination (and ALL) and baseline method. The weekly rows the events read
   * (a few hundred: the origin's citizens at each destination in the baseline, prior-year and window weeks) are
   * collected once and the figures computed on the driver: done as Spark joins and aggregations, these few rows
   * cost some twenty jobs of planning and code generation per run, more than everything they compute.
   */
  public static Dataset<Row> sensitivity(Dataset<Row> weekly, List<EventDefinition> events, double coverage) {
    Map<List<Object>, List<Row>> counts = weeklyCounts(weekly, events);
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      rows.addAll(sensitivityOf(e, counts, coverage));
    }
    return weekly.sparkSession().createDataFrame(rows, SCHEMA);
  }

  /**
   * The weekly entries and exits of the events' origins at their destinations, in the weeks from the first one any
   * event reads to the last, keyed by (citizenship, reporting_country, week_start): one small collect.
   */
  private static Map<List<Object>, List<Row>> weeklyCounts(Dataset<Row> weekly, List<EventDefinition> events) {
    Map<List<Object>, List<Row>> counts = new HashMap<>();
    if (events.isEmpty()) {
      return counts;
    }
    Set<String> origins = new TreeSet<>();
    Set<String> destinations = new TreeSet<>();
    Set<Date> mondays = new TreeSet<>();
    for (EventDefinition e : events) {
      origins.add(e.origin());
      destinations.addAll(e.destinations());
      EventWeeks.rows(e).forEach(w -> mondays.add(w.getDate(1)));
    }
    Date first = mondays.stream().min(Comparator.naturalOrder()).orElseThrow();
    Date last = mondays.stream().max(Comparator.naturalOrder()).orElseThrow();
    List<Row> rows = weekly
        .where(col("citizenship").isin(origins.toArray()).and(col("reporting_country").isin(destinations.toArray()))
            .and(col("week_start").between(first, last)))
        .select("citizenship", "reporting_country", "week_start", "entries", "exits")
        .collectAsList();
    for (Row r : rows) {
      List<Object> key = List.of(r.getString(0), r.getString(1), r.getDate(2).toLocalDate());
      counts.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    return counts;
  }

  /** One week of one destination as the estimate reads it: the week's roles and the weekly row's crossings. */
  private record CellWeek(String destination, Row roles, long entries, long exits) {

    Date weekStart() {
      return roles.getDate(1);
    }

    boolean inWindow() {
      return roles.getBoolean(EventWeeks.SCHEMA.fieldIndex("in_window"));
    }

    boolean preEvent() {
      return roles.getBoolean(EventWeeks.SCHEMA.fieldIndex("pre_event"));
    }
  }

  /** The sensitivity rows of one event: each destination under each baseline, then the ALL rows. */
  private static List<Row> sensitivityOf(EventDefinition e, Map<List<Object>, List<Row>> counts, double coverage) {
    List<Row> roles = EventWeeks.rows(e);
    // Each destination's weeks with a weekly row, in time order (EventWeeks lists them so).
    Map<String, List<CellWeek>> weeks = new LinkedHashMap<>();
    for (String destination : e.destinations()) {
      List<CellWeek> series = new ArrayList<>();
      for (Row w : roles) {
        for (Row c : counts.getOrDefault(List.of(e.origin(), destination, w.getDate(1).toLocalDate()), List.of())) {
          series.add(new CellWeek(destination, w, c.getLong(3), c.getLong(4)));
        }
      }
      if (!series.isEmpty()) {
        weeks.put(destination, series);
      }
    }
    // A destination reports exits when any of its weeks has some; the pre-event means feed the imputation.
    Map<String, Boolean> reportsExits = new HashMap<>();
    Map<String, Double[]> preEvent = new HashMap<>();
    weeks.forEach((destination, series) -> {
      reportsExits.put(destination, series.stream().mapToLong(CellWeek::exits).sum() > 0);
      List<CellWeek> pre = series.stream().filter(CellWeek::preEvent).toList();
      preEvent.put(destination, pre.isEmpty() ? new Double[] {null, null} : new Double[] {
          mean(pre.stream().map(w -> (double) w.entries()).toList()),
          mean(pre.stream().map(w -> (double) w.exits()).toList())});
    });
    // Per week, the destinations that report exits and had entries: what an entries-only destination's exits are
    // imputed from (ExitImputation), sorted so that the sums do not depend on the order of the destinations.
    Map<LocalDate, List<ExitImputation.Member>> pools = new HashMap<>();
    weeks.forEach((destination, series) -> {
      if (reportsExits.get(destination)) {
        for (CellWeek w : series) {
          if (w.entries() > 0) {
            Double[] pre = preEvent.get(destination);
            pools.computeIfAbsent(w.weekStart().toLocalDate(), d -> new ArrayList<>())
                .add(new ExitImputation.Member(destination, w.entries(), w.exits(), pre[0], pre[1]));
          }
        }
      }
    });
    pools.values().forEach(p -> p.sort(Comparator.comparing(ExitImputation.Member::destination)));

    List<Row> rows = new ArrayList<>();
    Map<String, List<Row>> byMethod = new LinkedHashMap<>();
    List<List<BaselineWeek>> withWindow = new ArrayList<>();
    for (String destination : e.destinations()) {
      Map<String, Row> figures = new HashMap<>();
      List<CellWeek> series = weeks.get(destination);
      if (series != null) {
        boolean imputed = !reportsExits.get(destination);
        Double ownPre = preEvent.get(destination)[0];
        List<BaselineWeek> baselineWeeks = series.stream().map(w -> baselineWeek(w, imputed, ownPre,
            pools.getOrDefault(w.weekStart().toLocalDate(), List.of()))).toList();
        figures = figures(e, destination, baselineWeeks, imputed, coverage);
        if (baselineWeeks.stream().anyMatch(BaselineWeek::window)) {
          withWindow.add(baselineWeeks);
        }
      }
      for (String method : EventDefinition.BASELINE_METHODS) {
        Row f = figures.get(method);
        Row row = f == null
            ? published(e, destination, method, null, null, null, null, null, null, null, null, null, NO_DATA)
            : published(e, destination, method, f.getLong(F_ENTRIES), f.getLong(F_EXITS), f.getLong(F_NET),
                nullable(f, F_BASELINE_WEEKLY_NET), nullable(f, F_BASELINE_NET), nullable(f, F_EXCESS_NET),
                nullable(f, F_EXCESS_NET_LOW), nullable(f, F_EXCESS_NET_HIGH), nullable(f, F_ENTRIES_UPLIFT),
                f.getString(F_METHOD));
        rows.add(row);
        byMethod.computeIfAbsent(method, m -> new ArrayList<>()).add(f);
      }
    }
    List<BaselineWeek> summed = summedSeries(withWindow);
    byMethod.forEach((method, figures) -> rows.add(allDestinations(e, method, figures, Baselines.predict(method,
        summed, BaselineWeek::net, e.windowStart(), e.windowWeeks(), e.harmonics()), coverage)));
    return rows;
  }

  /**
   * The destinations' weeks added up, over the weeks that all of them have with exits (reported or imputed): the
   * series whose baseline error is the ALL row's. Destinations share a season and a calendar, so their baseline
   * errors are not independent; the summed series carries those covariances, and its degrees of freedom are its
   * own.
   */
  static List<BaselineWeek> summedSeries(List<List<BaselineWeek>> destinations) {
    Map<LocalDate, BaselineWeek> sums = new java.util.TreeMap<>();
    Map<LocalDate, Integer> counts = new HashMap<>();
    for (List<BaselineWeek> series : destinations) {
      for (BaselineWeek w : series) {
        if (w.exits() != null) {
          sums.merge(w.weekStart(), w, BaselineWeek::plus);
          counts.merge(w.weekStart(), 1, Integer::sum);
        }
      }
    }
    return sums.values().stream().filter(w -> counts.get(w.weekStart()) == destinations.size()).toList();
  }

  /** A row of the published schema. */
  private static Row published(EventDefinition e, String destination, String baselineMethod, Long entries, Long exits,
                               Long net, Double baselineWeeklyNet, Double baselineNet, Double excessNet, Double low,
                               Double high, Double entriesUplift, String method) {
    return RowFactory.create(e.id(), e.origin(), destination, Date.valueOf(e.windowStart()),
        Date.valueOf(e.windowLastDay()), e.windowWeeks(), entries, exits, net, baselineWeeklyNet, baselineNet,
        excessNet, low, high, entriesUplift, method, baselineMethod);
  }

  private static Double nullable(Row r, int field) {
    return r.isNullAt(field) ? null : r.getDouble(field);
  }

  /** Mean of integral values: summed in any order, the double sum is exact. */
  private static Double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /**
   * Every baseline's figures of one destination with data, keyed by baseline method (rows of {@link #FIGURES}):
   * none when the destination has no week in the window.
   */
  static Map<String, Row> figures(EventDefinition e, String destination, List<BaselineWeek> series, boolean imputed,
                                  double coverage) {
    Map<String, Row> out = new LinkedHashMap<>();
    if (series.stream().noneMatch(BaselineWeek::window)) {
      return out;
    }
    Double eventWeekEntries = series.stream().filter(BaselineWeek::eventWeek).map(BaselineWeek::entries)
        .findFirst().orElse(null);
    for (String method : EventDefinition.BASELINE_METHODS) {
      DestinationEstimate d = DestinationEstimate.of(method, series, e.windowStart(), e.windowWeeks(), e.harmonics(),
          imputed, coverage);
      Double expectedEntries = d.entriesUplift() == null ? null : eventWeekEntries / (1 + d.entriesUplift());
      out.put(method, RowFactory.create(e.id(), destination, method, d.entries(), d.exits(), d.net(),
          d.baselineWeeklyNet(), d.baselineNet(), d.excessNet(), d.low(), d.high(), d.entriesUplift(),
          d.entriesUplift() == null ? null : eventWeekEntries, expectedEntries, d.baselineSe(), d.baselineDf(),
          d.imputationSe(), d.imputationDf(), d.baselineMissing() ? NO_DATA : imputed ? IMPUTED : OBSERVED));
    }
    return out;
  }

  /** A week of the per-destination computation; an entries-only destination's exits are imputed here. */
  private static BaselineWeek baselineWeek(CellWeek w, boolean imputed, Double ownPreEntries,
                                           List<ExitImputation.Member> weekPool) {
    boolean window = w.inWindow();
    Double exits = (double) w.exits();
    List<ExitImputation.Member> pool = null;
    if (imputed) {
      pool = new ArrayList<>(weekPool);
      exits = ExitImputation.exits(w.entries(), ownPreEntries, window, pool, null);
    }
    Row r = w.roles();
    // The roles in EventWeeks.SCHEMA's order: week_start, in_window, event_week, pre_event, aligned_year, ...
    return new BaselineWeek(w.weekStart().toLocalDate(), window, r.getBoolean(3), r.getBoolean(4),
        r.isNullAt(5) ? null : r.getInt(5), r.getBoolean(6), r.getBoolean(7), r.getBoolean(8), w.entries(), exits,
        pool);
  }

  /**
   * The 'ALL' row of one event and baseline from its destinations' {@link #FIGURES} (null for a destination
   * without window data): sums over the destinations with window data, and a figure missing for any destination
   * with data leaves the total's missing rather than silently too small. The baseline's error is {@code total}'s,
   * the baseline's prediction for the destinations' summed series ({@link #summedSeries}). The imputation errors are
   * added, not combined (the destinations are imputed from the same pool, so they err together), and enter with the
   * fewest degrees of freedom among them. The two errors combine as for one imputed destination, with the
   * Welch-Satterthwaite degrees of freedom of their sum.
   */
  private static Row allDestinations(EventDefinition e, String baselineMethod, List<Row> destinations,
                                     Baselines.Prediction total, double coverage) {
    List<Row> withData = destinations.stream().filter(Objects::nonNull).toList();
    Long entries = withData.isEmpty() ? null : withData.stream().mapToLong(f -> f.getLong(F_ENTRIES)).sum();
    Long exits = withData.isEmpty() ? null : withData.stream().mapToLong(f -> f.getLong(F_EXITS)).sum();
    Long net = withData.isEmpty() ? null : withData.stream().mapToLong(f -> f.getLong(F_NET)).sum();
    Double baselineWeeklyNet = completeSum(withData, F_BASELINE_WEEKLY_NET, v -> v);
    Double baselineNet = completeSum(withData, F_BASELINE_NET, v -> v);
    Double excessNet = completeSum(withData, F_EXCESS_NET, v -> v);
    Double eventWeekEntries = completeSum(withData, F_EVENT_WEEK_ENTRIES, v -> v);
    Double expectedEventWeekEntries = completeSum(withData, F_EXPECTED_EVENT_WEEK_ENTRIES, v -> v);
    // Every destination's baseline must have a spread for the total to have one.
    boolean baselineSpread = completeSum(withData, F_BASELINE_SE, v -> v) != null && total != null
        && total.se() != null && total.df() >= 1;
    Double imputationSe = completeSum(withData, F_IMPUTATION_SE, v -> v);
    int imputationDf = withData.stream().filter(f -> !f.isNullAt(F_IMPUTATION_DF))
        .mapToInt(f -> f.getInt(F_IMPUTATION_DF)).min().orElse(Integer.MAX_VALUE);
    long imputed = withData.stream().filter(f -> f.getString(F_METHOD).equals(IMPUTED)).count();
    long noBaseline = withData.stream().filter(f -> f.getString(F_METHOD).equals(NO_DATA)).count();
    Double halfWidth = !baselineSpread || imputationSe == null ? null
        : DestinationEstimate.halfWidthOfSum(total.se() * total.se() + imputationSe * imputationSe,
            DestinationEstimate.spread(total.se(), total.df())
                + (imputationSe > 0 ? DestinationEstimate.spread(imputationSe, imputationDf) : 0), coverage);
    Double low = excessNet == null || halfWidth == null ? null : excessNet - halfWidth;
    Double high = excessNet == null || halfWidth == null ? null : excessNet + halfWidth;
    Double uplift = expectedEventWeekEntries == null || !(expectedEventWeekEntries > 0) || eventWeekEntries == null
        ? null : eventWeekEntries / expectedEventWeekEntries - 1;
    String method = withData.isEmpty() || noBaseline > 0 ? NO_DATA : imputed > 0 ? IMPUTED : OBSERVED;
    return published(e, ALL, baselineMethod, entries, exits, net, baselineWeeklyNet, baselineNet, excessNet, low,
        high, uplift, method);
  }

  /**
   * Sum of {@code value(field)} over the destinations with data, null if any of them lacks the field or none has
   * it. The values are sorted before they are added, so that the sum does not depend on the destinations' order.
   */
  private static Double completeSum(List<Row> withData, int field, DoubleUnaryOperator value) {
    List<Double> values = new ArrayList<>();
    for (Row f : withData) {
      if (f.isNullAt(field)) {
        return null;
      }
      values.add(value.applyAsDouble(f.getDouble(field)));
    }
    return sortedSum(values);
  }

  private static Double sortedSum(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    values.sort(Comparator.naturalOrder());
    double total = 0.0;
    for (double v : values) {
      total += v;
    }
    return total;
  }
}
