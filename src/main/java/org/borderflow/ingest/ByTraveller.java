package org.borderflow.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The one shuffle of the crossing events: grouped by traveller, each traveller's crossings in time order, with
 * what the person-level figures need from that order. A traveller is {@code (source, reporting_country,
 * traveller_id)}: ids are pseudonyms stable within one source only, and presence is presence in one country.
 * Crossings are ordered by {@code event_time}, ties broken by {@code event_id}, so a rerun gives the same order.
 *
 * <p>Rows are exchanged on {@value #TRAVELLER_KEY}, a 64-bit hash of the traveller, and sorted with it first. The
 * hash is only a sort prefix and a partitioning key; the traveller's own columns follow it in every key, so a
 * collision costs a comparison, never a wrong answer. (Sorted by source first, nearly every comparison of 10
 * million events fell through to comparing strings: 22% of the ingest CPU.) Every per-traveller aggregate that
 * groups by the key and the traveller finds its rows in place and adds no exchange.
 *
 * <p>Rows that are not accepted keep a sequence of their own ({@code status} is part of the window), so a
 * rejected or duplicate row never sits between two of a traveller's accepted crossings.
 */
public final class ByTraveller {

  public static final String[] TRAVELLER = {"source", "reporting_country", "traveller_id"};
  public static final String TRAVELLER_KEY = "traveller_key";
  /** 1 for a traveller's last crossing, 2 for the one before it, ...: the order, counted from the end. */
  public static final String CROSSINGS_TO_END = "crossings_to_end";
  /** Local date of the traveller's next crossing; null for the last crossing in the data. */
  public static final String NEXT_DATE = "next_date";
  /** Local date of the traveller's previous crossing; null for the first crossing in the data. */
  public static final String PREVIOUS_DATE = "previous_date";
  /** Local date of the traveller's first EXIT after this crossing; null when no later exit is in the data. */
  public static final String NEXT_EXIT_DATE = "next_exit_date";

  private ByTraveller() {}

  /**
   * The events with {@value #TRAVELLER_KEY}, {@value #CROSSINGS_TO_END}, {@value #NEXT_DATE},
   * {@value #PREVIOUS_DATE} and {@value #NEXT_EXIT_DATE}, in {@code partitions} partitions by traveller. Needs
   * the traveller's columns, {@code event_time}, {@code event_id}, {@code date}, {@code direction} and
   * {@code status}.
   */
  public static Dataset<Row> timeline(Dataset<Row> events, int partitions) {
    Column[] traveller = columns(TRAVELLER_KEY, TRAVELLER[0], TRAVELLER[1], TRAVELLER[2], Deduplication.STATUS);
    // Latest first: what a crossing needs to know comes after it, and a frame from the partition's start grows
    // with each row, where one running to its end is summed again for every row (quadratic in a commuter's
    // crossings).
    WindowSpec latestFirst = Window.partitionBy(traveller)
        .orderBy(col("event_time").desc(), col("event_id").desc());
    Column[] sortOrder = Arrays.copyOf(traveller, traveller.length + 2);
    sortOrder[traveller.length] = col("event_time").desc();
    sortOrder[traveller.length + 1] = col("event_id").desc();
    return keyed(events)
        .repartition(partitions, col(TRAVELLER_KEY))
        .sortWithinPartitions(sortOrder)
        // One partitioning and order for the three: the sort above serves them all.
        .withColumn(CROSSINGS_TO_END, row_number().over(latestFirst))
        .withColumn(NEXT_DATE, lag(col("date"), 1).over(latestFirst))
        .withColumn(PREVIOUS_DATE, lead(col("date"), 1).over(latestFirst))
        .withColumn(NEXT_EXIT_DATE, min(when(col("direction").equalTo("EXIT"), col("date")))
            .over(latestFirst.rowsBetween(Window.unboundedPreceding(), -1)));
  }

  /**
   * True for a crossing that is its traveller's only one in its period, given the period of the crossing and of
   * the traveller's previous and next crossings (a traveller's crossings in one day or week are consecutive). Such
   * a row is one distinct traveller of any group within the period by itself, so counting distinct travellers
   * needs a row per traveller and group only for the others, such as a commuter's crossings of one day.
   */
  public static Column onlyCrossingIn(String period, String previousPeriod, String nextPeriod) {
    return not(coalesce(col(previousPeriod).equalTo(col(period)), lit(false))
        .or(coalesce(col(nextPeriod).equalTo(col(period)), lit(false))));
  }

  /**
   * Per {@code group}, the sum over its distinct travellers of each of {@code values}, named as in {@code names}:
   * a traveller's value in the group is the row's own on a row that is {@code alone} (see {@link #onlyCrossingIn}),
   * and the matching {@code perTraveller} aggregate over the traveller's rows in the group otherwise. A value of 1
   * on every row with {@code max} counts distinct travellers without a distinct aggregate.
   *
   * <p>One reading of the events: the rows that are alone are summed per group at once, the others per traveller
   * and group first (a commuter's crossings of one day), in the same aggregate with the traveller left null on the
   * rows that are alone.
   */
  public static Dataset<Row> sumsOverTravellers(Dataset<Row> events, Column alone, String[] group, String[] names,
                                                Column[] values,
                                                java.util.List<java.util.function.UnaryOperator<Column>> perTraveller) {
    Column several = not(alone);
    Column[] keys = java.util.stream.Stream.concat(Arrays.stream(columns(group)), java.util.stream.Stream.of(
        when(several, col(TRAVELLER_KEY)).as("_traveller_key"), when(several, col("traveller_id")).as("_traveller")))
        .toArray(Column[]::new);
    Column[] partial = new Column[2 * names.length];
    Column[] total = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      partial[2 * i] = sum(when(alone, values[i])).as("_alone_" + i);
      partial[2 * i + 1] = perTraveller.get(i).apply(when(several, values[i])).as("_traveller_" + i);
      total[i] = sum(coalesce(col("_alone_" + i), lit(0L)).plus(coalesce(col("_traveller_" + i), lit(0L))))
          .as(names[i]);
    }
    return keyed(events)
        .groupBy(keys).agg(partial[0], Arrays.copyOfRange(partial, 1, partial.length))
        .groupBy(columns(group)).agg(total[0], Arrays.copyOfRange(total, 1, total.length));
  }

  /** The events with {@value #TRAVELLER_KEY}, added unless they have it already. */
  public static Dataset<Row> keyed(Dataset<Row> events) {
    if (Arrays.asList(events.columns()).contains(TRAVELLER_KEY)) {
      return events;
    }
    return events.withColumn(TRAVELLER_KEY, xxhash64(columns(TRAVELLER)));
  }

  private static Column[] columns(String... names) {
    return Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }
}
