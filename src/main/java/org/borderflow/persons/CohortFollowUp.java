package org.borderflow.persons;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
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
import org.borderflow.ingest.DailyRows;

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
  /** Local date of the traveller's first EXIT after the cohort entry; null when no later exit is in the data. */
  static final String NEXT_EXIT_DATE = "next_exit_date";

  /** What identifies a cohort pair, and the dates that describe it, in the published tables' order. */
  public static final String[] KEY = {"event_id", "origin", "destination", "source", "window_start", "window_end",
      "baseline_start", "baseline_end", "data_end"};
  /** The groups of exodus_by_group. */
  public static final String[] GROUP = {"sex", "age_band"};

  private CohortFollowUp() {}

  /**
   * One row per cohort member: {@link #KEY}, {@code cohort} ({@value #EVENT} or {@value #BASELINE}),
   * {@code traveller_id} (the traveller's key, never published), {@link #GROUP}, {@code time} and {@code returned},
   * from the pass over the events by traveller, which found each traveller's first entry into each of
   * {@link #cohortWindows}.
   */
  public static Dataset<Row> of(Dataset<Row> travellerPass, List<EventDefinition> events) {
    return of(travellerPass, dataEnd(DailyRows.fromEvents(travellerPass)), events);
  }

  /**
   * The last local date of each (source, reporting_country) among {@code rows}: the daily rows made from the
   * accepted events have the same dates as the events and are far fewer to read.
   */
  public static Dataset<Row> dataEnd(Dataset<Row> rows) {
    return rows.groupBy("source", "reporting_country").agg(max(col("date")).as("data_end"));
  }

  /** As {@link #of(Dataset, List)}, with the sources' last dates ({@link #dataEnd}) given. */
  public static Dataset<Row> of(Dataset<Row> travellerPass, Dataset<Row> dataEnd, List<EventDefinition> events) {
    Dataset<Row> firstEntries = ByTraveller.ofKind(travellerPass, ByTraveller.Kind.COHORT)
        .join(broadcast(windows(travellerPass.sparkSession(), events)), ByTraveller.COHORT_WINDOW)
        .withColumn("date", date_from_unix_date(col(ByTraveller.DAY)))
        .withColumn(NEXT_EXIT_DATE, date_from_unix_date(col(ByTraveller.NEXT_EXIT_DAY)))
        .withColumn("traveller_id", col(ByTraveller.TRAVELLER_KEY).cast("string"));
    Column returned = col(NEXT_EXIT_DATE).isNotNull();
    // One row per source and country: broadcast, so that the cohort rows are not exchanged and sorted for the join
    // (the plan's estimate cannot know the aggregate is that small; AQE saw it only after the exchange was done).
    return firstEntries.join(broadcast(dataEnd), new String[] {"source", "reporting_country"})
        .withColumn("returned", returned)
        .withColumn("time", when(returned, datediff(col(NEXT_EXIT_DATE), col("date")))
            .otherwise(datediff(col("data_end"), col("date"))))
        .withColumn("sex", coalesce(col("sex"), lit(UNKNOWN)))
        .withColumn("age_band", ageBand(year(col("event_date")).minus(col("birth_year"))))
        .select(KEY[0], KEY[1], KEY[2], KEY[3], KEY[4], KEY[5], KEY[6], KEY[7], KEY[8], "cohort", "traveller_id",
            GROUP[0], GROUP[1], "time", "returned");
  }

  /** The entry dates of every cohort, in the order of {@link #windows}: what the pass by traveller looks for. */
  public static List<ByTraveller.CohortWindow> cohortWindows(List<EventDefinition> events) {
    return cohorts(events).stream().map(c -> new ByTraveller.CohortWindow(c.destination(), c.origin(),
        (int) c.from().toEpochDay(), (int) c.to().toEpochDay())).toList();
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

  /** A cohort: whose entries, between which dates, and the dates of its event that describe it. */
  private record Cohort(String eventId, String origin, String destination, String cohort, LocalDate from,
                        LocalDate to, EventDefinition event) {}

  /** For each event and destination, the event window's cohort, then the baseline's (up to the Sunday before). */
  private static List<Cohort> cohorts(List<EventDefinition> events) {
    List<Cohort> out = new ArrayList<>();
    for (EventDefinition e : events) {
      for (String destination : e.destinations()) {
        out.add(new Cohort(e.id(), e.origin(), destination, EVENT, e.windowStart(), e.windowLastDay(), e));
        out.add(new Cohort(e.id(), e.origin(), destination, BASELINE, e.baselineStart(),
            e.windowStart().minusDays(1), e));
      }
    }
    return out;
  }

  /** The cohorts as a table, {@value ByTraveller#COHORT_WINDOW} their position in {@link #cohortWindows}. */
  static Dataset<Row> windows(SparkSession spark, List<EventDefinition> events) {
    StructType schema = new StructType()
        .add(ByTraveller.COHORT_WINDOW, DataTypes.IntegerType, false)
        .add("event_id", DataTypes.StringType, false).add("origin", DataTypes.StringType, false)
        .add("destination", DataTypes.StringType, false).add("cohort", DataTypes.StringType, false)
        .add("event_date", DataTypes.DateType, false)
        .add("window_start", DataTypes.DateType, false).add("window_end", DataTypes.DateType, false)
        .add("baseline_start", DataTypes.DateType, false).add("baseline_end", DataTypes.DateType, false);
    List<Row> rows = new ArrayList<>();
    List<Cohort> cohorts = cohorts(events);
    for (int i = 0; i < cohorts.size(); i++) {
      Cohort c = cohorts.get(i);
      EventDefinition e = c.event();
      rows.add(RowFactory.create(i, c.eventId(), c.origin(), c.destination(), c.cohort(),
          Date.valueOf(e.eventDate()), Date.valueOf(e.windowStart()), Date.valueOf(e.windowLastDay()),
          Date.valueOf(e.baselineStart()), Date.valueOf(e.windowStart().minusDays(1))));
    }
    return spark.createDataFrame(rows, schema);
  }
}
