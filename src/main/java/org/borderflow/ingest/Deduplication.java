package org.borderflow.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Gives every validated row its {@code status}: rejected, duplicate or accepted. Only valid rows take part in
 * the duplicate search, so an invalid row never replaces a valid one (contract section 1.3).
 *
 * <p>Events are many and their duplicates few, so they are not sorted by event_id as a whole. A 64-bit hash of
 * (source, event_id) is counted first: only ids whose hash repeats can have a duplicate, and only those rows are
 * compared exactly (a hash collision just sends a few more rows to the exact comparison). Counts are small and are
 * compared exactly as they are.
 */
public final class Deduplication {

  public static final String STATUS = "status";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String DUPLICATE = "duplicate";

  /**
   * The key a daily_counts delivery restates; nulls in crossing_point, border_type or counterpart_country are one
   * value each. An origin-side source's rows for different destinations are different rows, not restatements.
   */
  public static final List<String> COUNT_KEY = List.of("date", "reporting_country", "crossing_point", "border_type",
      "citizenship", "direction", "counterpart_country");

  static final String ID_HASH = "id_hash";
  private static final String[] ROW_KEY = {RawReader.SOURCE, RawReader.INPUT_FILE, RawReader.ROW_INDEX};
  private static final String IS_DUPLICATE = "is_duplicate";

  private Deduplication() {}

  /** The first delivery of an event_id counts; re-deliveries are duplicates. */
  public static Dataset<Row> classifyEvents(Dataset<Row> validated) {
    int partitions = validated.sparkSession().sessionState().conf().numShufflePartitions();
    return markEvents(validated, duplicateEvents(validated, repeatedIdHashes(validated, partitions)));
  }

  /**
   * {@code id_hash} of every (source, event_id) that occurs more than once among the rows, valid or not: a small
   * table, empty when no id repeats. Reads only the two columns, so a scan of raw files reads no other.
   */
  public static Dataset<Row> repeatedIdHashes(Dataset<Row> rows, int partitions) {
    // Nearly every hash is unique, so a map-side partial count saves nothing: the hashes are exchanged first and
    // each partition finds its repeats in a set of primitive longs.
    return hashedIds(rows)
        .select(ID_HASH)
        .repartition(partitions, col(ID_HASH))
        .as(Encoders.LONG())
        .mapPartitions((MapPartitionsFunction<Long, Long>) RepeatedLongs::of, Encoders.LONG())
        .toDF(ID_HASH);
  }

  /**
   * The rows that re-deliver an event_id already delivered, as (source, input_file, row_index): files in path
   * order, rows in file order, the first valid delivery kept. Only rows whose hash is in {@code repeated} are read.
   */
  public static Dataset<Row> duplicateEvents(Dataset<Row> validated, Dataset<Row> repeated) {
    WindowSpec firstDelivered = Window
        .partitionBy(col(RawReader.SOURCE), col("event_id"))
        .orderBy(col(RawReader.INPUT_FILE), col(RawReader.ROW_INDEX));
    return hashedIds(validated.where(col(RowValidation.REASON).isNull()))
        .join(broadcast(repeated), ID_HASH, "left_semi")
        .withColumn("delivery", row_number().over(firstDelivered))
        .where(col("delivery").gt(1))
        .select(ROW_KEY[0], ROW_KEY[1], ROW_KEY[2]);
  }

  /** The distinct {@code input_file} of the rows whose id hash is in {@code repeated}: where duplicates can be. */
  public static Dataset<Row> filesWithRepeatedIds(Dataset<Row> rows, Dataset<Row> repeated) {
    return hashedIds(rows)
        .join(broadcast(repeated), ID_HASH, "left_semi")
        .select(RawReader.INPUT_FILE).distinct();
  }

  /** The status of every event row, given its duplicates ({@code null} when there are none). */
  public static Dataset<Row> markEvents(Dataset<Row> validated, Dataset<Row> duplicates) {
    Column rejected = col(RowValidation.REASON).isNotNull();
    if (duplicates == null) {
      return validated.withColumn(STATUS, when(rejected, lit(REJECTED)).otherwise(lit(ACCEPTED)));
    }
    return validated
        .join(broadcast(duplicates.withColumn(IS_DUPLICATE, lit(true))), ROW_KEY, "left")
        .withColumn(STATUS, when(rejected, lit(REJECTED))
            .when(col(IS_DUPLICATE).isNotNull(), lit(DUPLICATE))
            .otherwise(lit(ACCEPTED)))
        .drop(IS_DUPLICATE);
  }

  /** The last delivery of a key wins (files ordered by path); the rows it replaces are duplicates. */
  public static Dataset<Row> classifyCounts(Dataset<Row> validated) {
    List<Column> key = new ArrayList<>();
    key.add(col(RawReader.SOURCE));
    COUNT_KEY.forEach(k -> key.add(col(k)));
    key.add(col(RowValidation.REASON).isNull());
    WindowSpec lastDelivered = Window.partitionBy(key.toArray(Column[]::new))
        .orderBy(col(RawReader.INPUT_FILE).desc(), col(RawReader.ROW_INDEX).desc());
    return validated.withColumn(STATUS,
        when(col(RowValidation.REASON).isNotNull(), lit(REJECTED))
            .when(row_number().over(lastDelivered).gt(1), lit(DUPLICATE))
            .otherwise(lit(ACCEPTED)));
  }

  /** The distinct {@code id_hash} of the rows with an event_id. */
  static Dataset<Row> idHashes(Dataset<Row> rows) {
    return hashedIds(rows).select(ID_HASH).distinct();
  }

  /** The rows with an event_id, with {@code id_hash} of (source, event_id). */
  private static Dataset<Row> hashedIds(Dataset<Row> rows) {
    return rows.where(col("event_id").isNotNull())
        .withColumn(ID_HASH, xxhash64(col(RawReader.SOURCE), col("event_id")));
  }
}
