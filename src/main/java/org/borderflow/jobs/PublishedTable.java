package org.borderflow.jobs;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Reads back a table this project published, with its known schema: partition types are never guessed. */
final class PublishedTable {

  private PublishedTable() {}

  /** The table's rows, or no rows when it was never published. */
  static Dataset<Row> read(SparkSession spark, Path table, StructType schema) throws IOException {
    if (!table.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(table)) {
      return spark.createDataFrame(java.util.List.of(), schema);
    }
    return spark.read().schema(schema).parquet(table.toString());
  }
}
