package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Gives every validated row its {@code status}: rejected, duplicate or accepted. Only valid rows take part in
 * the duplicate search, so an invalid row never replaces a valid one (contract section 1.3).
 */
public final class Deduplication {

  public static final String STATUS = "status";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String DUPLICATE = "duplicate";

  /** The key a daily_counts delivery restates; nulls in crossing_point or border_type are one value each. */
  public static final List<String> COUNT_KEY =
      List.of("date", "reporting_country", "crossing_point", "border_type", "citizenship", "direction");

  private Deduplication() {}

  /** The first delivery of an event_id counts; re-deliveries are duplicates. */
  public static Dataset<Row> classifyEvents(Dataset<Row> validated) {
    WindowSpec firstDelivered = Window
        .partitionBy(col(RawReader.SOURCE), col("event_id"), col(RowValidation.REASON).isNull())
        .orderBy(col(RawReader.INPUT_FILE), col(RawReader.ROW_INDEX));
    return classify(validated, firstDelivered);
  }

  /** The last delivery of a key wins (files ordered by path); the rows it replaces are duplicates. */
  public static Dataset<Row> classifyCounts(Dataset<Row> validated) {
    List<Column> key = new ArrayList<>();
    key.add(col(RawReader.SOURCE));
    COUNT_KEY.forEach(k -> key.add(col(k)));
    key.add(col(RowValidation.REASON).isNull());
    WindowSpec lastDelivered = Window.partitionBy(key.toArray(Column[]::new))
        .orderBy(col(RawReader.INPUT_FILE).desc(), col(RawReader.ROW_INDEX).desc());
    return classify(validated, lastDelivered);
  }

  private static Dataset<Row> classify(Dataset<Row> validated, WindowSpec order) {
    return validated.withColumn(STATUS,
        when(col(RowValidation.REASON).isNotNull(), lit(REJECTED))
            .when(row_number().over(order).gt(1), lit(DUPLICATE))
            .otherwise(lit(ACCEPTED)));
  }
}
