package org.borderflow.estimate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
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

  /**
   * One row per event, destination and period where the origin reports exits to the destination: every ISO week
   * from the first pre-event week to the window's last, the pre-event weeks together and the window (a period of
   * the same days as a week is that week's row, named for both).
   *
   * @param originSide rows of {@link #originSide}
   * @param crossingsDaily the counted daily rows of the destinations (crossings_daily)
   */
  public static Dataset<Row> build(Dataset<Row> originSide, Dataset<Row> crossingsDaily,
                                   List<EventDefinition> events) {
    SparkSession spark = crossingsDaily.sparkSession();
    Dataset<Row> periods = broadcast(periods(spark, events));
    Column inPeriod = col("date").between(col("period_start"), col("period_end"));
    Dataset<Row> origin = periods.join(originSide.where(col("direction").equalTo("EXIT")),
            col("reporting_country").equalTo(col("origin")).and(col("citizenship").equalTo(col("origin")))
                .and(col(DailyRows.COUNTERPART).equalTo(col("destination"))).and(inPeriod))
        .groupBy("event_id", "destination", "period", "period_start", "period_end")
        .agg(sum(col("crossings")).as("origin_reported_exits"), countDistinct(col("date")).as("origin_days"));
    Dataset<Row> destination = periods.join(crossingsDaily.where(col("direction").equalTo("ENTRY")),
            col("reporting_country").equalTo(col("destination")).and(col("citizenship").equalTo(col("origin")))
                .and(inPeriod))
        .groupBy("event_id", "destination", "period", "period_start", "period_end")
        .agg(sum(col("crossings")).as("destination_reported_entries"),
            countDistinct(col("date")).as("destination_days"));
    // The period's name is in the key: a one-week window is the same days as its week, and both are listed.
    String[] key = {"event_id", "destination", "period", "period_start", "period_end"};
    Dataset<Row> both = periods.join(origin, key).join(destination, key, "left");
    Dataset<Row> pooled = both.where(col("destination_reported_entries").isNotNull())
        .groupBy("event_id", "period", "period_start", "period_end")
        .agg(sum(col("destination_reported_entries")).cast("double").divide(sum(col("origin_reported_exits")))
            .as("pooled_ratio"), countDistinct(col("destination")).as("pooled_destinations"));
    return Columns.select(withFigures(both.join(pooled, new String[] {"event_id", "period", "period_start", "period_end"},
        "left")), COLUMNS);
  }

  /** Ratio, method, the mirror estimate and a note that says what the row compares and how complete it is. */
  static Dataset<Row> withFigures(Dataset<Row> d) {
    Column observed = col("destination_reported_entries").isNotNull();
    Column partial = col("origin_days").lt(col("days"))
        .or(observed.and(col("destination_days").lt(col("days"))));
    Column note = when(observed, lit("the destination's entries of the origin's citizens over the origin's reported "
            + "departures to it"))
        .when(col("pooled_ratio").isNotNull(), concat(lit("no entries reported by the destination: mirror_entries = "
            + "origin_reported_exits x "), format_number(col("pooled_ratio"), 3),
            lit(", the ratio of the "), col("pooled_destinations").cast("string"),
            lit(" destinations that report both in the period")))
        .otherwise(lit("no entries reported by the destination and none to compare with: mirror_entries = "
            + "origin_reported_exits"));
    return d
        .withColumn("ratio", when(col("origin_reported_exits").gt(0),
            col("destination_reported_entries").cast("double").divide(col("origin_reported_exits"))))
        .withColumn("method", when(observed, lit(OBSERVED)).otherwise(lit(MIRROR)))
        .withColumn("mirror_entries", when(observed.unary_$bang(),
            col("origin_reported_exits").multiply(coalesce(col("pooled_ratio"), lit(1.0)))))
        .withColumn("note", when(partial, concat(note, lit("; partial: not every day of the period is reported")))
            .otherwise(note));
  }

  /** The periods of each event and destination, built on the driver from configuration. */
  static Dataset<Row> periods(SparkSession spark, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add("event_id", DataTypes.StringType, false)
        .add("origin", DataTypes.StringType, false)
        .add("destination", DataTypes.StringType, false)
        .add("period_start", DataTypes.DateType, false)
        .add("period_end", DataTypes.DateType, false)
        .add("period", DataTypes.StringType, false)
        .add("days", DataTypes.LongType, false);
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
    return spark.createDataFrame(rows, schema);
  }
}
