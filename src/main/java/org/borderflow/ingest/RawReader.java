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

  /** The source's rows in canonical columns, with lineage, as its layout normalises them. */
  public static Dataset<Row> read(SparkSession spark, SourceFiles source, int priority) {
    List<Column> lineage = new ArrayList<>();
    lineage.add(lit(source.name()).as(SOURCE));
    lineage.add(lit(priority).as(PRIORITY));
    lineage.add(col("_metadata.file_path").as(INPUT_FILE));
    lineage.add(col("_metadata.row_index").as(ROW_INDEX));
    Dataset<Row> raw = spark.read()
        .schema(source.layout().readSchema())
        .parquet(source.paths());
    return source.layout().normalize(raw, lineage);
  }
}
