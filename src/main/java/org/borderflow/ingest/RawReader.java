package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the checked files of a source with the canonical schema and tags each row with where it came from. */
public final class RawReader {

  /** Lineage columns added to every raw row: they order deliveries and fill rejected_records. */
  public static final String SOURCE = "source";
  public static final String INPUT_FILE = "input_file";
  public static final String ROW_INDEX = "row_index";
  public static final String PRIORITY = "priority";

  private RawReader() {}

  public static Dataset<Row> read(SparkSession spark, SourceFiles source, int priority) {
    List<Column> columns = new ArrayList<>();
    for (String name : source.kind().schema().fieldNames()) {
      columns.add(col(name));
    }
    columns.add(lit(source.name()).as(SOURCE));
    columns.add(lit(priority).as(PRIORITY));
    columns.add(col("_metadata.file_path").as(INPUT_FILE));
    columns.add(col("_metadata.row_index").as(ROW_INDEX));
    return spark.read()
        .schema(source.kind().schema())
        .parquet(source.paths())
        .select(columns.toArray(Column[]::new));
  }

  /** No rows, with the columns {@link #read} gives: for a kind that has no source in this landing zone. */
  public static Dataset<Row> empty(SparkSession spark, SourceKind kind) {
    return spark.createDataFrame(List.of(), kind.schema())
        .withColumn(SOURCE, lit(null).cast("string"))
        .withColumn(PRIORITY, lit(null).cast("int"))
        .withColumn(INPUT_FILE, lit(null).cast("string"))
        .withColumn(ROW_INDEX, lit(null).cast("long"));
  }

  /** All sources of one kind as one dataset, so each stage runs once per kind rather than once per source. */
  public static Dataset<Row> readAll(SparkSession spark, List<SourceFiles> sources,
                                     java.util.function.ToIntFunction<SourceFiles> priority) {
    Dataset<Row> all = null;
    for (SourceFiles source : sources) {
      Dataset<Row> one = read(spark, source, priority.applyAsInt(source));
      all = all == null ? one : all.unionByName(one);
    }
    return all;
  }
}
