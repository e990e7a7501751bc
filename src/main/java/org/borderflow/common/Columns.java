package org.borderflow.common;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Column helpers shared by the stages. */
public final class Columns {

  private Columns() {}

  /** Projects a dataset onto a published table's column list, in the contract's order. */
  public static Dataset<Row> select(Dataset<Row> df, String... names) {
    return df.select(Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new));
  }
}
