package org.borderflow.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.borderflow.common.SqlFormat.formatNumber;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
    List<Row> findings = new ArrayList<>();
    for (List<Row> series : series(weekly.select("reporting_country", "citizenship", "week_start", "complete",
        "sources", "days_reported", "week_label"), 2).values()) {
      for (int i = series.size() - 1; i >= 0 && !Boolean.TRUE.equals(series.get(i).get(3)); i--) {
        Row w = series.get(i);
        LocalDate monday = w.getDate(2).toLocalDate();
        findings.add(finding(INCOMPLETE_WEEK_AT_EDGE, severity, WEEKLY, w.getString(4), w.getString(0),
            w.getString(1), monday, monday.plusDays(6), w.isNullAt(5) ? null : (double) w.getInt(5), 7.0,
            text(w.get(6), " of ", w.get(0), "/", w.get(1), " has ", w.get(5),
                " of 7 days at the end of the series: its totals are partial")));
      }
    }
    return table(weekly, findings);
  }

  /**
   * Days with no row of a source for a reporting country, between that source's first and last day there: one
   * finding per gap. A count source omits a citizenship nobody of crossed, so the unit is the source and country,
   * not the citizenship. A gap longer than {@code maxGapDays} separates two reporting periods (the same weeks of
   * earlier years, delivered for seasonal baselines), not a hole in one: it is no finding.
   */
  public static Dataset<Row> missingDays(Dataset<Row> daily, String severity, int maxGapDays) {
    List<Row> findings = new ArrayList<>();
    for (List<Row> days : series(daily.select("source", "reporting_country", "date").distinct(), 2).values()) {
      for (int i = 0; i + 1 < days.size(); i++) {
        Row d = days.get(i);
        LocalDate day = d.getDate(2).toLocalDate();
        LocalDate next = days.get(i + 1).getDate(2).toLocalDate();
        long apart = next.toEpochDay() - day.toEpochDay();
        if (apart < 2 || apart > maxGapDays + 1) {
          continue;
        }
        long missing = apart - 1;
        findings.add(finding(MISSING_DAYS, severity, DAILY, d.getString(0), d.getString(1), null,
            day.plusDays(1), next.minusDays(1), (double) missing, 0.0,
            text(d.get(0), " has no row for ", d.get(1), " on ", missing, " day(s) from ", day.plusDays(1), " to ",
                next.minusDays(1), ", inside the days it reports")));
      }
    }
    return table(daily, findings);
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
    List<Row> findings = new ArrayList<>();
    Dataset<Row> complete = weekly.where(col("complete"))
        .select(col("reporting_country"), col("citizenship"), col("week_start"), col(measure), col("sources"),
            col("week_label"));
    for (List<Row> series : series(complete, 2).values()) {
      for (int i = 0; i < series.size(); i++) {
        Row w = series.get(i);
        List<Double> history = new ArrayList<>();
        for (Row h : series.subList(Math.max(0, i - rule.historyWeeks()), i)) {
          if (!h.isNullAt(3)) {
            history.add((double) h.getLong(3));
          }
        }
        if (history.size() < rule.minHistoryWeeks() || history.isEmpty() || w.isNullAt(3)) {
          continue;
        }
        history.sort(Comparator.naturalOrder());
        // + 0.0 turns a median of -0.0 into 0.0, which would print as "-0".
        double median = median(history) + 0.0;
        List<Double> deviations = new ArrayList<>();
        history.forEach(v -> deviations.add(Math.abs(v - median)));
        deviations.sort(Comparator.naturalOrder());
        double mad = Math.max(median(deviations), rule.minMad());
        long x = w.getLong(3);
        double score = MAD_TO_SIGMA * (x - median) / mad;
        if (!(Math.abs(score) > rule.threshold() && Math.abs(x - median) >= rule.minChange())) {
          continue;
        }
        LocalDate monday = w.getDate(2).toLocalDate();
        findings.add(finding(check, severity, WEEKLY, w.getString(4), w.getString(0), w.getString(1), monday,
            monday.plusDays(6), score, rule.threshold(),
            text(measure + " of ", w.get(5), " at ", w.get(0), "/", w.get(1), " (", formatNumber(x, 0), ") is ",
                formatNumber(Math.abs(score), 1), " robust deviations ", score > 0 ? "above" : "below",
                " the median of the ", history.size(), " complete weeks before (", formatNumber(median, 0),
                ", MAD ", formatNumber(mad, 0), ")")));
      }
    }
    return table(weekly, findings);
  }

  /**
   * Weeks in which a source set aside by precedence disagrees with the source counted by more than
   * {@code tolerance}: the sum of the daily absolute differences over the crossings counted (at least 1). Absolute
   * values, so that days over and under do not cancel.
   */
  public static Dataset<Row> sourceDisagreement(Dataset<Row> reconciliation, double tolerance, String severity) {
    // Per (country, citizenship, direction, counted source, set-aside source, Monday): counted, apart, first and
    // last day.
    Map<List<Object>, Object[]> weeks = new TreeMap<>(KEY_ORDER);
    for (Row r : reconciliation.select("reporting_country", "citizenship", "direction", "counted_source",
        "set_aside_source", "date", "counted_crossings", "difference").collectAsList()) {
      LocalDate day = r.getDate(5).toLocalDate();
      List<Object> key = Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4),
          day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
      Object[] w = weeks.computeIfAbsent(key, k -> new Object[] {null, null, day, day});
      w[0] = r.isNullAt(6) ? w[0] : (Long) (w[0] == null ? 0L : (Long) w[0]) + r.getLong(6);
      w[1] = r.isNullAt(7) ? w[1] : (Long) (w[1] == null ? 0L : (Long) w[1]) + Math.abs(r.getLong(7));
      w[2] = day.isBefore((LocalDate) w[2]) ? day : w[2];
      w[3] = day.isAfter((LocalDate) w[3]) ? day : w[3];
    }
    List<Row> findings = new ArrayList<>();
    weeks.forEach((k, w) -> {
      Long counted = (Long) w[0];
      Long apart = (Long) w[1];
      if (apart == null) {
        return;
      }
      double share = (double) apart / Math.max(counted == null ? 1L : counted, 1L);
      if (!(share > tolerance)) {
        return;
      }
      findings.add(finding(SOURCE_DISAGREEMENT, severity, RECONCILIATION, (String) k.get(4), (String) k.get(0),
          (String) k.get(1), (LocalDate) w[2], (LocalDate) w[3], share, tolerance,
          text(k.get(4), " (set aside) and ", k.get(3), " (counted) differ by ", formatNumber(apart, 0), " ",
              k.get(2), " crossings of ", k.get(0), "/", k.get(1), " in the week of ", k.get(5), ", ",
              formatNumber(share * 100, 1), "% of the ", counted == null ? null : formatNumber(counted, 0),
              " counted")));
    });
    return table(reconciliation, findings);
  }

  /**
   * Series whose cumulative net goes below zero: more exits than entries since the first week in the data. One
   * finding per series, from its first negative week to its last, with the lowest value (the sources named are
   * those of the lowest week, the earliest such week if several). It means the data starts after people had
   * arrived (they leave without having been seen entering) or that entries are missing.
   */
  public static Dataset<Row> negativeCumulativeStock(Dataset<Row> weekly, String severity) {
    List<Row> findings = new ArrayList<>();
    Dataset<Row> negative = weekly.where(col("cumulative_net").lt(0))
        .select("reporting_country", "citizenship", "week_start", "cumulative_net", "sources");
    for (List<Row> series : series(negative, 2).values()) {
      Row first = series.get(0);
      Row lowest = first;
      for (Row w : series) {
        if (w.getLong(3) < lowest.getLong(3)) {
          lowest = w;
        }
      }
      LocalDate firstWeek = first.getDate(2).toLocalDate();
      LocalDate lastWeek = series.get(series.size() - 1).getDate(2).toLocalDate();
      findings.add(finding(NEGATIVE_CUMULATIVE_STOCK, severity, WEEKLY, lowest.getString(4), first.getString(0),
          first.getString(1), firstWeek, lastWeek.plusDays(6), (double) lowest.getLong(3), 0.0,
          text("cumulative net of ", first.get(0), "/", first.get(1), " is below zero in ", series.size(),
              " week(s) from the week of ", firstWeek, ", lowest ", formatNumber(lowest.getLong(3), 0),
              ": more exits than entries since the series began")));
    }
    return table(weekly, findings);
  }

  /** Findings ordered as a reader wants them: errors first, then by check, place and period. */
  public static Dataset<Row> ordered(Dataset<Row> findings) {
    Column rank = when(col("severity").equalTo(Severity.ERROR.label()), 0)
        .when(col("severity").equalTo(Severity.WARNING.label()), 1).otherwise(2);
    return findings.orderBy(rank, col("check"), col("reporting_country"), col("citizenship"), col("source"),
        col("period_start"));
  }

  /**
   * The rows of {@code df} (its first two columns a series key, the third a date) grouped by series, each in date
   * order. The tables checked are small (a few thousand weekly or daily rows): they are collected once and checked
   * on the driver, which costs one small job where windows over them cost a dozen jobs of planning and code
   * generation a run.
   */
  private static Map<List<Object>, List<Row>> series(Dataset<Row> df, int dateField) {
    Map<List<Object>, List<Row>> series = new TreeMap<>(KEY_ORDER);
    for (Row r : df.collectAsList()) {
      series.computeIfAbsent(Arrays.asList(r.get(0), r.get(1)), k -> new ArrayList<>()).add(r);
    }
    series.values().forEach(rows -> rows.sort(Comparator.comparing(r -> r.getDate(dateField))));
    return series;
  }

  /** Keys of strings and dates, nulls first: an order for the driver's maps, so that findings come out stably. */
  private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareNullsFirst(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  @SuppressWarnings("unchecked")
  private static int compareNullsFirst(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static Dataset<Row> table(Dataset<Row> like, List<Row> findings) {
    return like.sparkSession().createDataFrame(findings, SCHEMA);
  }

  private static Row finding(String check, String severity, String table, String source, String reportingCountry,
                             String citizenship, LocalDate start, LocalDate end, Double value, Double threshold,
                             String message) {
    return RowFactory.create(check, severity, table, source, reportingCountry, citizenship,
        start == null ? null : Date.valueOf(start), end == null ? null : Date.valueOf(end), value, threshold,
        message == null ? check : message);
  }

  /** The parts as one text, as SQL's concat: null when any part is null (the finding's message is then its check). */
  private static String text(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      if (part == null) {
        return null;
      }
      text.append(part);
    }
    return text.toString();
  }

  /** The median of a sorted, non-empty list. */
  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
  }
}
