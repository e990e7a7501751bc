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
   * Distinct travellers are counted without a distinct aggregate ({@link ByTraveller#sumsOverTravellers}): a
   * traveller's only crossing of the day counts one person by itself, the others once per traveller and day row.
   * Events without the traveller's previous and next dates are all counted per traveller.
   */
  public static Dataset<Row> fromEvents(Dataset<Row> acceptedEvents) {
    Column alone = java.util.Arrays.asList(acceptedEvents.columns()).contains(ByTraveller.PREVIOUS_DATE)
        ? ByTraveller.onlyCrossingIn(RowValidation.DATE, ByTraveller.PREVIOUS_DATE, ByTraveller.NEXT_DATE)
        : lit(false);
    return ByTraveller.sumsOverTravellers(acceptedEvents, alone, GROUP, new String[] {"crossings", PERSONS},
        new Column[] {lit(1L), lit(1L)}, java.util.List.of(functions::sum, functions::max));
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
