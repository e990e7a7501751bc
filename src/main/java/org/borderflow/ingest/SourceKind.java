package org.borderflow.ingest;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two kinds of raw input of contract section 1 and their canonical columns. Every field is nullable because
 * Spark reads Parquet columns as nullable; what a file must contain and a row must fill is
 * {@link #requiredColumns()}.
 */
public enum SourceKind {
  DAILY_COUNTS("daily_counts",
      schema(field("date", DateType), field("reporting_country", StringType), field("crossing_point", StringType),
          field("border_type", StringType), field("citizenship", StringType), field("direction", StringType),
          field("crossings", LongType),
          // Optional (contract section 3): an origin-side source's destination; absent or null = all destinations.
          field("counterpart_country", StringType)),
      List.of("date", "reporting_country", "citizenship", "direction", "crossings")),
  CROSSING_EVENTS("crossing_events",
      schema(field("event_id", StringType), field("event_time", TimestampType),
          field("reporting_country", StringType), field("crossing_point", StringType),
          field("border_type", StringType), field("traveller_id", StringType), field("citizenship", StringType),
          field("sex", StringType), field("birth_year", IntegerType), field("direction", StringType)),
      List.of("event_id", "event_time", "reporting_country", "crossing_point", "border_type", "traveller_id",
          "citizenship", "direction"));

  private final String folder;
  private final StructType schema;
  private final List<String> requiredColumns;

  SourceKind(String folder, StructType schema, List<String> requiredColumns) {
    this.folder = folder;
    this.schema = schema;
    this.requiredColumns = requiredColumns;
  }

  /** Folder name under the landing zone root, and the value of {@code kind} in rejected_records. */
  public String folder() {
    return folder;
  }

  public StructType schema() {
    return schema;
  }

  public List<String> requiredColumns() {
    return requiredColumns;
  }

  public boolean isEvents() {
    return this == CROSSING_EVENTS;
  }

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
