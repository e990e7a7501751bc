package org.borderflow.weekly;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published net_remaining_weekly table (contract section 2.2) from crossings_daily.
 *
 * <p>Spark sums the daily rows into weeks; the weeks, a few hundred rows per country and citizenship at most, are
 * collected and the running sum, the completeness flag and the label are added on the driver. The same figures as
 * a window over the weeks cost several Spark jobs more per run, each paying planning and code generation.
 */
public final class NetRemainingWeekly {

  /** The columns' types; the nullability is that of the files written before the table was finished here. */
  public static final StructType SCHEMA = new StructType()
      .add("iso_year", DataTypes.IntegerType, true).add("iso_week", DataTypes.IntegerType, true)
      .add("week_label", DataTypes.StringType, false).add("week_start", DataTypes.DateType, true)
      .add("reporting_country", DataTypes.StringType, true).add("citizenship", DataTypes.StringType, true)
      .add("entries", DataTypes.LongType, true).add("exits", DataTypes.LongType, true)
      .add("net", DataTypes.LongType, true).add("cumulative_net", DataTypes.LongType, true)
      .add("days_reported", DataTypes.IntegerType, false).add("complete", DataTypes.BooleanType, false)
      .add("sources", DataTypes.StringType, false);
  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private NetRemainingWeekly() {}

  public static Dataset<Row> build(Dataset<Row> crossingsDaily) {
    List<Row> weeks = crossingsDaily
        .groupBy("reporting_country", "citizenship", "iso_year", "iso_week", "week_start")
        .agg(
            sum(when(col("direction").equalTo("ENTRY"), col("crossings")).otherwise(lit(0L))).as("entries"),
            sum(when(col("direction").equalTo("EXIT"), col("crossings")).otherwise(lit(0L))).as("exits"),
            countDistinct(col("date")).cast("int").as("days_reported"),
            array_join(array_sort(collect_set(col("source"))), ",").as("sources"))
        .collectAsList();
    // cumulative_net: the running sum of net over the weeks of one country and citizenship, in week order.
    List<Row> inOrder = new ArrayList<>(weeks);
    inOrder.sort(Comparator.comparing((Row r) -> r.getDate(4)));
    Map<List<String>, Long> running = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (Row w : inOrder) {
      Long entries = w.isNullAt(5) ? null : w.getLong(5);
      Long exits = w.isNullAt(6) ? null : w.getLong(6);
      Long net = entries == null || exits == null ? null : entries - exits;
      List<String> series = List.of(w.getString(0), w.getString(1));
      // A null net adds nothing to the running sum, as SQL's sum skips it; before any value the sum is null.
      Long cumulative = net == null ? running.get(series) : running.merge(series, net, Long::sum);
      int days = w.getInt(7);
      rows.add(RowFactory.create(w.get(2), w.get(3), IsoWeeks.weekLabel(w.getInt(2), w.getInt(3)), w.get(4), w.get(0),
          w.get(1), entries, exits, net, cumulative, days, days == 7, w.get(8)));
    }
    return crossingsDaily.sparkSession().createDataFrame(rows, SCHEMA);
  }
}
