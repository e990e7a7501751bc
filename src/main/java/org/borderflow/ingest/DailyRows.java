package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

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
   * Distinct travellers are counted without a distinct aggregate. A crossing that is its traveller's only one that
   * day is one traveller by itself; the others get a row per traveller and day row first, which needs no exchange
   * on events grouped {@link ByTraveller}. A sum over the rows that are left gives both counts. Events without the
   * traveller's previous and next dates all take the second way.
   */
  public static Dataset<Row> fromEvents(Dataset<Row> acceptedEvents) {
    Column[] day = groupColumns();
    Column[] travellerDay = java.util.Arrays.copyOf(day, day.length + 2);
    travellerDay[day.length] = col(ByTraveller.TRAVELLER_KEY);
    travellerDay[day.length + 1] = col("traveller_id");
    Dataset<Row> events = ByTraveller.keyed(acceptedEvents);
    Column alone = java.util.Arrays.asList(events.columns()).contains(ByTraveller.PREVIOUS_DATE)
        ? ByTraveller.onlyCrossingIn(RowValidation.DATE, ByTraveller.PREVIOUS_DATE, ByTraveller.NEXT_DATE)
        : lit(false);
    Column[] dayAndCrossings = java.util.Arrays.copyOf(day, day.length + 1);
    dayAndCrossings[day.length] = col("crossings");
    Dataset<Row> single = events.where(alone).withColumn("crossings", lit(1L)).select(dayAndCrossings);
    Dataset<Row> several = events.where(not(alone))
        .groupBy(travellerDay).agg(count(lit(1)).as("crossings"))
        .select(dayAndCrossings);
    // A row of either is one traveller of one day row.
    return single.unionByName(several)
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
