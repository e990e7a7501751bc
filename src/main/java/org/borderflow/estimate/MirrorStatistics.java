package org.borderflow.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.SqlFormat;
import org.borderflow.config.EventDefinition;
import org.borderflow.ingest.DailyRows;
import org.borderflow.ingest.RawReader;

/**
 * The mirror_statistics table (contract section 3, README "Mirror statistics"): for each event, destination and
 * period, the departures the origin reports to the destination against the entries of the origin's citizens the
 * destination reports, and their ratio. Where the destination reports nothing, its entries are estimated from the
 * origin's side ({@code method = 'mirror'}): the origin's exits to it times the ratio of the destinations that
 * report both in the same period.
 */
public final class MirrorStatistics {

  public static final String OBSERVED = "observed";
  public static final String MIRROR = "mirror";

  public static final String[] COLUMNS = {"event_id", "origin", "destination", "period_start", "period_end",
      "period", "origin_reported_exits", "destination_reported_entries", "ratio", "method", "mirror_entries",
      "note"};

  private MirrorStatistics() {}

  /**
   * The daily rows of crossings into and out of the reporting countries: without the origin-side sources and
   * without any row that carries a counterpart_country (a breakdown by destination would count the same crossings
   * once per destination in a table that has no column for it).
   */
  public static Dataset<Row> destinationSide(Dataset<Row> daily, List<String> originSideSources) {
    Dataset<Row> rows = daily.where(col(RawReader.SOURCE).isin(originSideSources.toArray()).unary_$bang());
    return Arrays.asList(daily.columns()).contains(DailyRows.COUNTERPART)
        ? rows.where(col(DailyRows.COUNTERPART).isNull()) : rows;
  }

  /** The rows of the origin-side sources, counted or not: precedence is about destinations, not about them. */
  public static Dataset<Row> originSide(Dataset<Row> daily, List<String> originSideSources) {
    Dataset<Row> rows = daily.where(col(RawReader.SOURCE).isin(originSideSources.toArray()));
    if (!Arrays.asList(daily.columns()).contains(DailyRows.COUNTERPART)) {
      rows = rows.withColumn(DailyRows.COUNTERPART, lit(null).cast("string"));
    }
    return rows.select("date", "reporting_country", "citizenship", "direction", DailyRows.COUNTERPART, "crossings");
  }

  public static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("origin", DataTypes.StringType, false)
      .add("destination", DataTypes.StringType, false)
      .add("period_start", DataTypes.DateType, false)
      .add("period_end", DataTypes.DateType, false)
      .add("period", DataTypes.StringType, false)
      .add("origin_reported_exits", DataTypes.LongType, true)
      .add("destination_reported_entries", DataTypes.LongType, true)
      .add("ratio", DataTypes.DoubleType, true)
      .add("method", DataTypes.StringType, false)
      .add("mirror_entries", DataTypes.DoubleType, true)
      .add("note", DataTypes.StringType, false);

  /**
   * One row per event, destination and period where the origin reports exits to the destination: every ISO week
   * from the first pre-event week to the window's last, the pre-event weeks together and the window (a period of
   * the same days as a week is that week's row, named for both). The daily rows of the events' origins and
   * destinations in the events' days (some hundreds) are collected once and summed per period on the driver: as
   * joins and aggregations, these few rows cost more than a dozen Spark jobs a run.
   *
   * @param originSide rows of {@link #originSide}
   * @param crossingsDaily the counted daily rows of the destinations (crossings_daily)
   */
  public static Dataset<Row> build(Dataset<Row> originSide, Dataset<Row> crossingsDaily,
                                   List<EventDefinition> events) {
    SparkSession spark = crossingsDaily.sparkSession();
    List<Row> periods = periodRows(events);
    List<Row> rows = new ArrayList<>();
    if (!periods.isEmpty()) {
      Set<String> origins = new TreeSet<>();
      Set<String> destinations = new TreeSet<>();
      for (Row p : periods) {
        origins.add(p.getString(1));
        destinations.add(p.getString(2));
      }
      Date first = periods.stream().map(p -> p.getDate(3)).min(Comparator.naturalOrder()).orElseThrow();
      Date last = periods.stream().map(p -> p.getDate(4)).max(Comparator.naturalOrder()).orElseThrow();
      Column inDays = col("date").between(first, last).and(col("citizenship").isin(origins.toArray()));
      List<Row> exits = originSide.where(inDays.and(col("direction").equalTo("EXIT"))
              .and(col("reporting_country").isin(origins.toArray())))
          .select(col("date"), col("reporting_country"), col("citizenship"), col(DailyRows.COUNTERPART),
              col("crossings"))
          .collectAsList();
      List<Row> entries = crossingsDaily.where(inDays.and(col("direction").equalTo("ENTRY"))
              .and(col("reporting_country").isin(destinations.toArray())))
          .select(col("date"), col("reporting_country"), col("citizenship"), col("crossings"))
          .collectAsList();
      rows = statistics(periods, exits, entries);
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** Crossings summed over a period's rows, and the distinct days they cover. */
  private record PeriodSum(Long crossings, long days) {

    /** Rows of {@code (date, ...)} with crossings at {@code crossingsField} that {@code matches} keeps. */
    static PeriodSum of(List<Row> rows, Row period, Predicate<Row> matches, int crossingsField) {
      Long sum = null;
      Set<Date> days = new TreeSet<>();
      boolean any = false;
      for (Row r : rows) {
        Date day = r.getDate(0);
        if (day.compareTo(period.getDate(3)) < 0 || day.compareTo(period.getDate(4)) > 0 || !matches.test(r)) {
          continue;
        }
        any = true;
        days.add(day);
        if (!r.isNullAt(crossingsField)) {
          sum = (sum == null ? 0 : sum) + r.getLong(crossingsField);
        }
      }
      return any ? new PeriodSum(sum, days.size()) : null;
    }
  }

  /** The table's rows from the periods ({@link #periodRows}), the origin's exit rows and the destinations' entries. */
  private static List<Row> statistics(List<Row> periods, List<Row> exits, List<Row> entries) {
    // Each period with the origin's exits to the destination, and the destination's entries when it reports any.
    List<Object[]> both = new ArrayList<>();
    for (Row p : periods) {
      String origin = p.getString(1);
      String destination = p.getString(2);
      PeriodSum out = PeriodSum.of(exits, p, r -> origin.equals(r.getString(1)) && origin.equals(r.getString(2))
          && destination.equals(r.getString(3)), 4);
      if (out == null) {
        continue;
      }
      PeriodSum in = PeriodSum.of(entries, p, r -> destination.equals(r.getString(1))
          && origin.equals(r.getString(2)), 3);
      both.add(new Object[] {p, out, in});
    }
    // Per event and period, the ratio of the destinations that report entries: entries summed over exits summed
    // (none where those exits sum to 0).
    Map<List<Object>, long[]> pooled = new HashMap<>();
    Map<List<Object>, Set<String>> pooledDestinations = new HashMap<>();
    Map<List<Object>, boolean[]> pooledPresent = new HashMap<>();
    for (Object[] b : both) {
      Row p = (Row) b[0];
      PeriodSum out = (PeriodSum) b[1];
      PeriodSum in = (PeriodSum) b[2];
      if (in == null || in.crossings() == null) {
        continue;
      }
      List<Object> key = periodKey(p);
      long[] sums = pooled.computeIfAbsent(key, k -> new long[2]);
      boolean[] present = pooledPresent.computeIfAbsent(key, k -> new boolean[2]);
      sums[0] += in.crossings();
      present[0] = true;
      if (out.crossings() != null) {
        sums[1] += out.crossings();
        present[1] = true;
      }
      pooledDestinations.computeIfAbsent(key, k -> new TreeSet<>()).add(p.getString(2));
    }
    List<Row> rows = new ArrayList<>();
    for (Object[] b : both) {
      Row p = (Row) b[0];
      PeriodSum out = (PeriodSum) b[1];
      PeriodSum in = (PeriodSum) b[2];
      List<Object> key = periodKey(p);
      Double pooledRatio = null;
      if (pooled.containsKey(key) && pooledPresent.get(key)[1] && pooled.get(key)[1] != 0) {
        pooledRatio = (double) pooled.get(key)[0] / pooled.get(key)[1];
      }
      Long destinationEntries = in == null ? null : in.crossings();
      rows.add(withFigures(p, out.crossings(), out.days(), destinationEntries, in == null ? null : in.days(),
          pooledRatio, pooledRatio == null ? null : (long) pooledDestinations.get(key).size()));
    }
    return rows;
  }

  private static List<Object> periodKey(Row period) {
    return List.of(period.getString(0), period.getString(5), period.getDate(3), period.getDate(4));
  }

  /** Ratio, method, the mirror estimate and a note that says what the row compares and how complete it is. */
  private static Row withFigures(Row p, Long originExits, long originDays, Long destinationEntries,
                                 Long destinationDays, Double pooledRatio, Long pooledDestinations) {
    long days = p.getLong(6);
    boolean observed = destinationEntries != null;
    boolean partial = originDays < days || (observed && destinationDays < days);
    String note = observed ? "the destination's entries of the origin's citizens over the origin's reported departures"
        + " to it"
        : pooledRatio != null ? "no entries reported by the destination: mirror_entries = origin_reported_exits x "
            + SqlFormat.formatNumber(pooledRatio, 3) + ", the ratio of the " + pooledDestinations
            + " destinations that report both in the period"
        : "no entries reported by the destination and none to compare with: mirror_entries = origin_reported_exits";
    if (partial) {
      note = note + "; partial: not every day of the period is reported";
    }
    Double ratio = originExits == null || originExits <= 0 || destinationEntries == null ? null
        : (double) destinationEntries / originExits;
    Double mirror = observed || originExits == null ? null
        : originExits * (pooledRatio == null ? 1.0 : pooledRatio);
    return RowFactory.create(p.getString(0), p.getString(1), p.getString(2), p.getDate(3), p.getDate(4),
        p.getString(5), originExits, destinationEntries, ratio, observed ? OBSERVED : MIRROR, mirror, note);
  }

  /** The periods of each event and destination, from configuration. */
  static List<Row> periodRows(List<EventDefinition> events) {
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      // Keyed by first and last day: a one-week window is the same days as its week, one row with both names.
      Map<List<LocalDate>, String> periods = new LinkedHashMap<>();
      for (LocalDate monday = e.baselineStart(); monday.isBefore(e.windowLastDay()); monday = monday.plusWeeks(1)) {
        periods.put(List.of(monday, monday.plusDays(6)), String.format("%d-W%02d",
            monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
      }
      periods.merge(List.of(e.baselineStart(), e.windowStart().minusDays(1)), "pre-event weeks",
          (week, name) -> week + ", " + name);
      periods.merge(List.of(e.windowStart(), e.windowLastDay()), "event window", (week, name) -> week + ", " + name);
      for (String destination : e.destinations()) {
        periods.forEach((days, name) -> rows.add(RowFactory.create(e.id(), e.origin(), destination,
            Date.valueOf(days.get(0)), Date.valueOf(days.get(1)), name,
            days.get(1).toEpochDay() - days.get(0).toEpochDay() + 1)));
      }
    }
    return rows;
  }
}
