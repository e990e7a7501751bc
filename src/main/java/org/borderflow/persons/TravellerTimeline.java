package org.borderflow.persons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.borderflow.weekly.IsoWeeks;

/**
 * Each traveller's crossings in order, read once: every later person-level figure is a function of a crossing and
 * what the same traveller did next. A traveller is {@code (source, reporting_country, traveller_id)}: ids are
 * pseudonyms stable within one source only, and presence is presence in one reporting country.
 *
 * <p>Crossings are ordered by {@code event_time}, ties broken by {@code event_id}, so two crossings logged at the
 * same second still have one order and a rerun gives the same answer. Weeks are ISO weeks of the local
 * {@code date}: the week's last instant is Sunday 24:00 in the reporting country.
 */
public final class TravellerTimeline {

  /** Monday of the crossing's local ISO week. */
  public static final String WEEK_START = "week_start";
  /** Monday of the week of this traveller's next crossing; null for the last crossing in the data. */
  public static final String NEXT_WEEK_START = "next_week_start";
  /** Local date of this traveller's first EXIT after this crossing; null when no later exit is in the data. */
  public static final String NEXT_EXIT_DATE = "next_exit_date";

  static final String[] TRAVELLER = {"source", "reporting_country", "traveller_id"};

  private TravellerTimeline() {}

  /** The accepted events (as Ingest builds them) with the week and the traveller's next moves. */
  public static Dataset<Row> of(Dataset<Row> acceptedEvents) {
    WindowSpec inOrder = Window.partitionBy(TRAVELLER[0], TRAVELLER[1], TRAVELLER[2])
        .orderBy(col("event_time"), col("event_id"));
    return acceptedEvents
        .select("source", "priority", "reporting_country", "traveller_id", "citizenship", "sex", "birth_year",
            "direction", "event_time", "event_id", "date")
        .withColumn(WEEK_START, IsoWeeks.weekStart("date"))
        // Same partitioning and order for both: Spark sorts each traveller's crossings once for the two.
        .withColumn(NEXT_WEEK_START, lead(col(WEEK_START), 1).over(inOrder))
        .withColumn(NEXT_EXIT_DATE, min(when(col("direction").equalTo("EXIT"), col("date")))
            .over(inOrder.rowsBetween(1, Window.unboundedFollowing())));
  }
}
