package org.borderflow.persons;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.EventDefinition;
import org.borderflow.ingest.ByTraveller;

/**
 * Who is in each cohort and how long they stayed. For an event and a destination, the event cohort is the origin's
 * travellers with an ENTRY into the destination in the event window (the ISO weeks of exodus_estimates); their
 * first such entry starts their follow-up. The baseline cohort is the same for the baseline weeks. A traveller can
 * be in both: someone who came in August and again after the order is a baseline entrant and an event entrant.
 *
 * <p>Follow-up is counted in local days. {@code time} is the days from the cohort entry's date to the date of the
 * traveller's first EXIT after it ({@code returned} true), or, with no exit in the data, to the last date of the
 * source's data for that destination ({@code returned} false: censored there, not counted as a return). Sex and
 * birth year are those recorded on the cohort entry; the age band is the age reached in the event's year, as the
 * data has a birth year, not a birthday.
 */
public final class CohortFollowUp {

  public static final String EVENT = "event";
  public static final String BASELINE = "baseline";
  public static final String UNKNOWN = "unknown";

  /** What identifies a cohort pair, and the dates that describe it, in the published tables' order. */
  public static final String[] KEY = {"event_id", "origin", "destination", "source", "window_start", "window_end",
      "baseline_start", "baseline_end", "data_end"};
  /** The groups of exodus_by_group. */
  public static final String[] GROUP = {"sex", "age_band"};

  private CohortFollowUp() {}

  /**
   * One row per cohort member: {@link #KEY}, {@code cohort} ({@value #EVENT} or {@value #BASELINE}),
   * {@code traveller_id} (never published), {@link #GROUP}, {@code time} and {@code returned}.
   */
  public static Dataset<Row> of(Dataset<Row> timeline, List<EventDefinition> events) {
    return of(timeline, dataEnd(timeline), events);
  }

  /**
   * The last local date of each (source, reporting_country) among {@code rows}: of the accepted events, or of the
   * daily rows made from them, which have the same dates and are far fewer to read.
   */
  public static Dataset<Row> dataEnd(Dataset<Row> rows) {
    return rows.groupBy("source", "reporting_country").agg(max(col("date")).as("data_end"));
  }

  /** As {@link #of(Dataset, List)}, with the sources' last dates ({@link #dataEnd}) given. */
  public static Dataset<Row> of(Dataset<Row> timeline, Dataset<Row> dataEnd, List<EventDefinition> events) {
    Dataset<Row> windows = windows(timeline.sparkSession(), events);
    Column inWindow = col("reporting_country").equalTo(col("destination"))
        .and(col("citizenship").equalTo(col("origin")))
        .and(col("date").between(col("from_date"), col("to_date")));
    // In the cohort tables event_id names the configured event, not a crossing. The first entry is the one with
    // the most crossings still to come: an aggregate, so no second sort of the crossings.
    Dataset<Row> firstEntries = timeline.where(col("direction").equalTo("ENTRY"))
        .drop("event_id")
        .join(broadcast(windows), inWindow)
        .groupBy("event_id", "origin", "destination", "cohort", "event_date", "window_start", "window_end",
            "baseline_start", "baseline_end", "source", "reporting_country", "traveller_id")
        .agg(max(struct(col(ByTraveller.CROSSINGS_TO_END), col("date"), col(TravellerTimeline.NEXT_EXIT_DATE),
            col("sex"), col("birth_year"))).as("first_entry"))
        .select(col("*"), col("first_entry.*"));
    Column returned = col(TravellerTimeline.NEXT_EXIT_DATE).isNotNull();
    return firstEntries.join(dataEnd, new String[] {"source", "reporting_country"})
        .withColumn("returned", returned)
        .withColumn("time", when(returned, datediff(col(TravellerTimeline.NEXT_EXIT_DATE), col("date")))
            .otherwise(datediff(col("data_end"), col("date"))))
        .withColumn("sex", coalesce(col("sex"), lit(UNKNOWN)))
        .withColumn("age_band", ageBand(year(col("event_date")).minus(col("birth_year"))))
        .select(KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], KEY[6], KEY[7], KEY[8], "cohort", "traveller_id",
            GROUP[0], GROUP[1], "time", "returned");
  }

  /** The bands (18-24, 25-39, 40-54, 55+), with children and unknown birth years kept apart, not dropped. */
  static Column ageBand(Column age) {
    return when(age.isNull(), lit(UNKNOWN))
        .when(age.lt(18), lit("0-17"))
        .when(age.lt(25), lit("18-24"))
        .when(age.lt(40), lit("25-39"))
        .when(age.lt(55), lit("40-54"))
        .otherwise(lit("55+"));
  }

  /** The entry dates of each cohort: the event window, and the baseline weeks up to the Sunday before it. */
  static Dataset<Row> windows(SparkSession spark, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add("event_id", DataTypes.StringType, false).add("origin", DataTypes.StringType, false)
        .add("destination", DataTypes.StringType, false).add("cohort", DataTypes.StringType, false)
        .add("from_date", DataTypes.DateType, false).add("to_date", DataTypes.DateType, false)
        .add("event_date", DataTypes.DateType, false)
        .add("window_start", DataTypes.DateType, false).add("window_end", DataTypes.DateType, false)
        .add("baseline_start", DataTypes.DateType, false).add("baseline_end", DataTypes.DateType, false);
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      Date windowStart = Date.valueOf(e.windowStart());
      Date windowEnd = Date.valueOf(e.windowLastDay());
      Date baselineStart = Date.valueOf(e.baselineStart());
      Date baselineEnd = Date.valueOf(e.windowStart().minusDays(1));
      for (String destination : e.destinations()) {
        rows.add(RowFactory.create(e.id(), e.origin(), destination, EVENT, windowStart, windowEnd,
            Date.valueOf(e.eventDate()), windowStart, windowEnd, baselineStart, baselineEnd));
        rows.add(RowFactory.create(e.id(), e.origin(), destination, BASELINE, baselineStart, baselineEnd,
            Date.valueOf(e.eventDate()), windowStart, windowEnd, baselineStart, baselineEnd));
      }
    }
    return spark.createDataFrame(rows, schema);
  }
}
