package org.borderflow.estimate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Sums, means and standard deviations of doubles that do not depend on the order Spark combines rows in.
 * Floating-point addition is not associative, and a plain {@code sum} over shuffled partitions can differ in the
 * last bits between two runs; a rerun must publish the same rows, so the values are sorted before they are added.
 * Meant for the few values per group of the estimate stage, not for large groups.
 */
final class OrderFreeStats {

  private OrderFreeStats() {}

  /** Sum of the non-null values; null when there are none. */
  static Column sum(Column value) {
    Column values = array_sort(collect_list(value.cast("double")));
    return when(size(values).gt(0), total(values));
  }

  static Column mean(Column value) {
    Column values = array_sort(collect_list(value.cast("double")));
    return when(size(values).gt(0), total(values).divide(size(values)));
  }

  /** Sample standard deviation; null below two values, like {@code stddev_samp}. */
  static Column stddevSamp(Column value) {
    Column values = array_sort(collect_list(value.cast("double")));
    Column mean = total(values).divide(size(values));
    Column squares = aggregate(values, lit(0.0),
        (acc, x) -> acc.plus(x.minus(mean).multiply(x.minus(mean))));
    return when(size(values).gt(1), sqrt(squares.divide(size(values).minus(1))));
  }

  private static Column total(Column sortedValues) {
    return aggregate(sortedValues, lit(0.0), (acc, x) -> acc.plus(x));
  }
}
