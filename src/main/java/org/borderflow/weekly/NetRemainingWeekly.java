package org.borderflow.weekly;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.borderflow.common.Columns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The published net_remaining_weekly table (contract section 2.2) from crossings_daily. */
public final class NetRemainingWeekly {

  public static final String[] COLUMNS = {"iso_year", "iso_week", "week_label", "week_start", "reporting_country",
      "citizenship", "entries", "exits", "net", "cumulative_net", "days_reported", "complete", "sources"};

  private NetRemainingWeekly() {}

  public static Dataset<Row> build(Dataset<Row> crossingsDaily) {
    Dataset<Row> weekly = crossingsDaily
        .groupBy("reporting_country", "citizenship", "iso_year", "iso_week", "week_start")
        .agg(
            sum(when(col("direction").equalTo("ENTRY"), col("crossings")).otherwise(lit(0L))).as("entries"),
            sum(when(col("direction").equalTo("EXIT"), col("crossings")).otherwise(lit(0L))).as("exits"),
            countDistinct(col("date")).cast("int").as("days_reported"),
            array_join(array_sort(collect_set(col("source"))), ",").as("sources"));
    return Columns.select(weekly
        .withColumn("net", col("entries").minus(col("exits")))
        .withColumn("cumulative_net", sum(col("net")).over(Window
            .partitionBy("reporting_country", "citizenship")
            .orderBy("week_start")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("complete", col("days_reported").equalTo(7))
        .withColumn("week_label", IsoWeeks.weekLabel(col("iso_year"), col("iso_week"))), COLUMNS);
  }
}
