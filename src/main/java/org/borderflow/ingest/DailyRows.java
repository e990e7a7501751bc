package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Accepted rows of either kind as one daily shape: a row per source, day, point, citizenship and direction. */
public final class DailyRows {

  static final String[] KEY = {"date", "reporting_country", "crossing_point", "border_type", "citizenship",
      "direction"};

  /** A daily row of an event source: the source, its priority and {@link #KEY}. */
  private static final String[] GROUP = java.util.stream.Stream.concat(
      java.util.stream.Stream.of(RawReader.SOURCE, RawReader.PRIORITY), java.util.Arrays.stream(KEY))
      .toArray(String[]::new);

  /** Distinct travellers of the row ({@code persons}): an event source knows who crossed, a count source does not. */
  public static final String PERSONS = "persons";
  /** An origin-side count's destination (contract section 3); null for every other row. */
  public static final String COUNTERPART = "counterpart_country";

  private DailyRows() {}

  /**
   * The day rows of the pass over the events by traveller ({@link ByTraveller}), summed over its partitions: each
   * partition counted the crossings and distinct travellers of its own travellers.
   */
  public static Dataset<Row> fromEvents(Dataset<Row> travellerPass) {
    return ByTraveller.ofKind(travellerPass, ByTraveller.Kind.DAY)
        .withColumn(RowValidation.DATE, functions.date_from_unix_date(col(ByTraveller.DAY)))
        .groupBy(groupColumns())
        .agg(functions.sum("n1").as("crossings"), functions.sum("n2").as(PERSONS));
  }

  public static Dataset<Row> fromCounts(Dataset<Row> acceptedCounts) {
    Column[] group = groupColumns();
    Column[] columns = java.util.Arrays.copyOf(group, group.length + 3);
    columns[group.length] = col("crossings");
    columns[group.length + 1] = lit(null).cast("long").as(PERSONS);
    // Kept for mirror statistics; event rows have no such column and get null when the kinds are united.
    columns[group.length + 2] = col(COUNTERPART);
    return acceptedCounts.select(columns);
  }

  private static Column[] groupColumns() {
    return java.util.Arrays.stream(GROUP).map(c -> col(c)).toArray(Column[]::new);
  }
}
