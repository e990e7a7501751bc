package org.borderflow.persons;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small-cell suppression for every published figure computed from person-level data: a count of fewer than k
 * persons could point at someone, so it is published as null with a boolean flag saying why it is null. A count
 * that is already null (no event data) is not "below k": it stays null and does not raise the flag, so an analyst
 * can tell "no data" (null, flag false) from "suppressed" (null, flag true).
 */
public final class DisclosureControl {

  private DisclosureControl() {}

  /** True when any of the counts is below k; never null, so the flag splits rows cleanly. */
  public static Column anyBelow(int minPersons, Column... personCounts) {
    Column below = lit(false);
    for (Column count : personCounts) {
      below = below.or(coalesce(count.lt(minPersons), lit(false)));
    }
    return below;
  }

  /**
   * Cell by cell: each listed count below k becomes null; {@code flag} is true where the row lost at least one.
   * For counts that do not add up to anything published (distinct travellers of a day or a week), hiding the small
   * cell itself is enough.
   */
  public static Dataset<Row> suppressCells(Dataset<Row> df, int minPersons, String flag, String... personCounts) {
    Column[] counts = new Column[personCounts.length];
    for (int i = 0; i < personCounts.length; i++) {
      counts[i] = col(personCounts[i]);
    }
    Dataset<Row> out = df.withColumn(flag, anyBelow(minPersons, counts));
    for (String count : personCounts) {
      out = out.withColumn(count, when(col(count).geq(minPersons), col(count)));
    }
    return out;
  }

  /** {@link #anyBelow} for one count on the driver: a null count (no data) is not below k. */
  public static boolean below(Long personCount, int minPersons) {
    return personCount != null && personCount < minPersons;
  }
}
