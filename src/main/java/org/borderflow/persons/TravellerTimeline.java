package org.borderflow.persons;

import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.ingest.ByTraveller;
import org.borderflow.ingest.Deduplication;
import org.borderflow.weekly.IsoWeeks;

/**
 * Each traveller's crossings in order: every later person-level figure is a function of a crossing and what the
 * same traveller did next ({@link ByTraveller} defines the traveller and the order). Weeks are ISO weeks of the
 * local {@code date}: the week's last instant is Sunday 24:00 in the reporting country.
 */
public final class TravellerTimeline {

  /** Monday of the crossing's local ISO week. */
  public static final String WEEK_START = "week_start";
  /** Monday of the week of this traveller's next crossing; null for the last crossing in the data. */
  public static final String NEXT_WEEK_START = "next_week_start";
  /** Monday of the week of this traveller's previous crossing; null for the first crossing in the data. */
  public static final String PREVIOUS_WEEK_START = "previous_week_start";
  /** Local date of this traveller's first EXIT after this crossing; null when no later exit is in the data. */
  public static final String NEXT_EXIT_DATE = ByTraveller.NEXT_EXIT_DATE;

  private TravellerTimeline() {}

  /**
   * The accepted events with their week and the traveller's next moves. Ingest hands them over already in
   * traveller order ({@link ByTraveller#timeline}); events without that order are put in it here.
   */
  public static Dataset<Row> of(Dataset<Row> acceptedEvents) {
    Dataset<Row> ordered = acceptedEvents;
    if (!Arrays.asList(ordered.columns()).contains(ByTraveller.CROSSINGS_TO_END)) {
      if (!Arrays.asList(ordered.columns()).contains(Deduplication.STATUS)) {
        ordered = ordered.withColumn(Deduplication.STATUS, lit(Deduplication.ACCEPTED));
      }
      ordered = ByTraveller.timeline(ordered,
          ordered.sparkSession().sessionState().conf().numShufflePartitions());
    }
    return ordered
        .withColumn(WEEK_START, IsoWeeks.weekStart("date"))
        .withColumn(NEXT_WEEK_START, IsoWeeks.weekStart(ByTraveller.NEXT_DATE))
        .withColumn(PREVIOUS_WEEK_START, IsoWeeks.weekStart(ByTraveller.PREVIOUS_DATE));
  }
}
