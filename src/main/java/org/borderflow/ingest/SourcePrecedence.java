package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Contract section 1.4: within each coverage unit (reporting_country, date, citizenship) only the source with the
 * lowest priority number that has rows for the unit is counted. Ties are broken by source name, so the choice
 * never depends on the order Spark meets the rows in.
 */
public final class SourcePrecedence {

  public static final String COUNTED = "counted";

  private SourcePrecedence() {}

  public static Dataset<Row> mark(Dataset<Row> daily) {
    Column rank = struct(col(RawReader.PRIORITY), col(RawReader.SOURCE));
    Column best = min(rank).over(Window.partitionBy("reporting_country", "date", "citizenship"));
    return daily.withColumn(COUNTED, best.equalTo(rank));
  }
}
