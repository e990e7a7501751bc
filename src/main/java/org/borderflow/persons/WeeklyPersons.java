package org.borderflow.persons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
import org.borderflow.ingest.ByTraveller;
import org.borderflow.weekly.IsoWeeks;
import org.borderflow.weekly.NetRemainingWeekly;

/**
 * The person columns of net_remaining_weekly (contract section 2.2): {@code persons_entered},
 * {@code persons_exited} and {@code present_at_week_end}, per event source, reporting country, citizenship and ISO
 * week, and their join into the weekly table.
 *
 * <p>{@code present_at_week_end} counts the travellers whose latest crossing up to the week's last instant is an
 * ENTRY. It is not computed week by week (a join of every week with every traveller's history): each ENTRY makes
 * its traveller present from the entry's week until the week of the traveller's next crossing, so it adds +1 at its
 * own week and -1 at the next crossing's week, and a running sum of these deltas over the weeks is the count. If the
 * next crossing is another ENTRY, its own +1 follows the -1 in the same week, so the traveller stays counted once.
 * The traveller counts under the citizenship of the ENTRY, which is that of the latest crossing while present. The
 * pass over the events by traveller ({@link ByTraveller}) gives each week's persons and deltas per partition.
 */
public final class WeeklyPersons {

  /** Added to net_remaining_weekly after its contract columns, in this order. */
  public static final String[] COLUMNS = {"persons_entered", "persons_exited", "present_at_week_end",
      "persons_suppressed"};

  static final String WEEK_START = "week_start";
  /** net_remaining_weekly with the person columns; the nullability is that of the files written before. */
  public static final StructType SCHEMA = NetRemainingWeekly.SCHEMA
      .add(COLUMNS[0], DataTypes.LongType, true).add(COLUMNS[1], DataTypes.LongType, true)
      .add(COLUMNS[2], DataTypes.LongType, true).add(COLUMNS[3], DataTypes.BooleanType, false);
  private static final String[] SERIES = {"source", "reporting_country", "citizenship"};

  private WeeklyPersons() {}

  /**
   * One row per (source, reporting_country, citizenship, week) with crossings or a change of presence, with
   * {@code priority}, {@code iso_year}, {@code iso_week} and the three person counts, unsuppressed, from the pass
   * over the events by traveller.
   */
  public static Dataset<Row> of(Dataset<Row> travellerPass) {
    Dataset<Row> weeks = ByTraveller.ofKind(travellerPass, ByTraveller.Kind.WEEK)
        .groupBy(col("source"), col("priority"), col("reporting_country"), col("citizenship"),
            date_from_unix_date(col(ByTraveller.DAY)).as(WEEK_START))
        .agg(sum("n1").as("persons_entered"), sum("n2").as("persons_exited"), sum("n3").as("delta"))
        .withColumn("present_at_week_end", sum(col("delta")).over(Window
            .partitionBy(cols(SERIES))
            .orderBy(WEEK_START)
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .drop("delta");
    return IsoWeeks.withIsoWeek(weeks, WEEK_START);
  }

  /**
   * net_remaining_weekly with the person columns: from the event source that precedence ranks first (lowest
   * priority, then name) among those with a row for the country, citizenship and week, and only if that source is
   * among the week's counted {@code sources}. Ids of different sources cannot be matched, so persons are never
   * added up across sources. Where no event source was counted the person columns are null; counts below
   * {@code minCellPersons} are null with {@code persons_suppressed} true.
   *
   * <p>Both inputs are a row per week and series: they are collected (the weekly rows are usually a local
   * relation already) and matched on the driver, rather than ranked with a window and joined in Spark jobs.
   */
  public static Dataset<Row> withPersons(Dataset<Row> weekly, Dataset<Row> personWeeks, int minCellPersons) {
    // Per (reporting_country, citizenship, week_start): the first-ranked source's row.
    Map<List<Object>, Row> first = new HashMap<>();
    Comparator<Row> rank = Comparator.comparing((Row r) -> r.getInt(1)).thenComparing(r -> r.getString(0));
    for (Row p : personWeeks.select(col("source"), col("priority"), col("reporting_country"), col("citizenship"),
        col(WEEK_START), col("persons_entered"), col("persons_exited"), col("present_at_week_end"))
        .collectAsList()) {
      first.merge(Arrays.asList(p.get(2), p.get(3), p.get(4)), p, (a, b) -> rank.compare(a, b) <= 0 ? a : b);
    }
    String[] weeklyColumns = NetRemainingWeekly.COLUMNS;
    int country = Arrays.asList(weeklyColumns).indexOf("reporting_country");
    int citizenship = Arrays.asList(weeklyColumns).indexOf("citizenship");
    int weekStart = Arrays.asList(weeklyColumns).indexOf(WEEK_START);
    int sources = Arrays.asList(weeklyColumns).indexOf("sources");
    List<Row> rows = new ArrayList<>();
    for (Row w : Columns.select(weekly, weeklyColumns).collectAsList()) {
      Row p = first.get(Arrays.asList(w.get(country), w.get(citizenship), w.get(weekStart)));
      boolean counted = p != null && List.of(w.getString(sources).split(",")).contains(p.getString(0));
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < weeklyColumns.length; i++) {
        values.add(w.get(i));
      }
      boolean suppressed = false;
      for (int i = 5; i <= 7; i++) {
        Long persons = counted && !p.isNullAt(i) ? p.getLong(i) : null;
        boolean below = DisclosureControl.below(persons, minCellPersons);
        suppressed |= below;
        values.add(below ? null : persons);
      }
      values.add(suppressed);
      rows.add(RowFactory.create(values.toArray()));
    }
    return weekly.sparkSession().createDataFrame(rows, SCHEMA);
  }

  static Column[] cols(String... names) {
    return Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }
}
