package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Where the compact events of a run go for the incremental state: every event row of the files read, as the pass
 * gets it ({@link ByTraveller#COMPACT}), with {@value #FILE}, the index of the file that delivered it in the
 * state's ledger. Written once as Parquet; the pass then reads it back.
 */
public final class EventState {

  /** The ledger index of the file that delivered an event. */
  public static final String FILE = "_file";

  private final String target;
  private final String compression;
  private final HashMap<String, Integer> index = new HashMap<>();

  /** {@code files}: ledger index by file path, as the landing zone's listing names them. */
  public EventState(String target, String compression, Map<String, Integer> files) {
    this.target = target;
    this.compression = compression;
    files.forEach((path, i) -> index.put(Ingest.filePath(path), i));
  }

  /** The ledger index of the row's {@code input_file}. */
  Column fileIndex() {
    HashMap<String, Integer> byPath = index;
    return udf((UDF1<String, Integer>) file -> byPath.get(Ingest.filePath(file)), DataTypes.IntegerType)
        .apply(col(RawReader.INPUT_FILE)).as(FILE);
  }

  /** Writes the compact events and returns them as read back from the files written. */
  Dataset<Row> keep(Dataset<Row> compact) {
    compact.write().mode(SaveMode.Overwrite).option("compression", compression).parquet(target);
    return compact.sparkSession().read().parquet(target);
  }
}
