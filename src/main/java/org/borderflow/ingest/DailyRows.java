package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Accepted rows of either kind as one daily shape: a row per source, day, point, citizenship and direction. */
public final class DailyRows {

  static final String[] KEY = {"date", "reporting_country", "crossing_point", "border_type", "citizenship",
      "direction"};

  /** Distinct travellers of the row ({@code persons}): an event source knows who crossed, a count source does not. */
  public static final String PERSONS = "persons";

  private DailyRows() {}

  /**
   * Distinct travellers are counted without a distinct aggregate: a row per traveller and day row first, which
   * needs no exchange on events grouped {@link ByTraveller}, then a sum over the few rows that are left.
   */
  public static Dataset<Row> fromEvents(Dataset<Row> acceptedEvents) {
    Column[] day = groupColumns();
    Column[] travellerDay = java.util.Arrays.copyOf(day, day.length + 2);
    travellerDay[day.length] = col(ByTraveller.TRAVELLER_KEY);
    travellerDay[day.length + 1] = col("traveller_id");
    return ByTraveller.keyed(acceptedEvents)
        .groupBy(travellerDay).agg(count(lit(1)).as("crossings"))
        .groupBy(day).agg(sum(col("crossings")).as("crossings"), count(lit(1)).as(PERSONS));
  }

  public static Dataset<Row> fromCounts(Dataset<Row> acceptedCounts) {
    Column[] columns = new Column[KEY.length + 4];
    columns[0] = col(RawReader.SOURCE);
    columns[1] = col(RawReader.PRIORITY);
    for (int i = 0; i < KEY.length; i++) {
      columns[i + 2] = col(KEY[i]);
    }
    columns[KEY.length + 2] = col("crossings");
    columns[KEY.length + 3] = lit(null).cast("long").as(PERSONS);
    return acceptedCounts.select(columns);
  }

  private static Column[] groupColumns() {
    Column[] columns = new Column[KEY.length + 2];
    columns[0] = col(RawReader.SOURCE);
    columns[1] = col(RawReader.PRIORITY);
    for (int i = 0; i < KEY.length; i++) {
      columns[i + 2] = col(KEY[i]);
    }
    return columns;
  }
}
