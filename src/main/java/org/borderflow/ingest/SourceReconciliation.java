package org.borderflow.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.common.Columns;

/**
 * The source_reconciliation table (contract section 2.5): for every coverage unit and direction where precedence
 * set a source aside, the source counted and its crossings, the source set aside and its crossings, and the
 * difference (set aside minus counted), so an analyst sees how far, say, Frontex and a national service disagree.
 */
public final class SourceReconciliation {

  public static final String[] COLUMNS = {"reporting_country", "date", "citizenship", "direction",
      "counted_source", "counted_crossings", "set_aside_source", "set_aside_crossings", "difference"};

  private static final String[] UNIT = {"reporting_country", "date", "citizenship"};
  private static final String[] UNIT_DIRECTION = {"reporting_country", "date", "citizenship", "direction"};

  private SourceReconciliation() {}

  /** From the daily rows marked by {@link SourcePrecedence#mark}. */
  public static Dataset<Row> build(Dataset<Row> markedDaily) {
    Column counted = col(SourcePrecedence.COUNTED);
    Dataset<Row> winner = markedDaily.where(counted).groupBy(cols(UNIT))
        .agg(first(col(RawReader.SOURCE)).as("counted_source"));
    Dataset<Row> countedByDirection = markedDaily.where(counted).groupBy(cols(UNIT_DIRECTION))
        .agg(sum(col("crossings")).as("counted_crossings"));
    Dataset<Row> setAside = markedDaily.where(counted.unary_$bang())
        .groupBy(cols("reporting_country", "date", "citizenship", "direction", RawReader.SOURCE))
        .agg(sum(col("crossings")).as("set_aside_crossings"))
        .withColumnRenamed(RawReader.SOURCE, "set_aside_source");
    Dataset<Row> joined = setAside
        .join(winner, UNIT)
        .join(countedByDirection, UNIT_DIRECTION, "left")
        // The counted source may report one direction only: nothing counted is zero, not unknown.
        .withColumn("counted_crossings", coalesce(col("counted_crossings"), lit(0L)))
        .withColumn("difference", col("set_aside_crossings").minus(col("counted_crossings")));
    return Columns.select(joined, COLUMNS);
  }

  private static Column[] cols(String... names) {
    return java.util.Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }
}
