package org.borderflow.ingest;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.borderflow.common.ParquetFooters;

/**
 * Reads a raw file's Parquet footer on the driver, before Spark touches the data: it proves the file is Parquet,
 * that every required column is there with a type Spark can read as the canonical one, and yields the row count
 * for the manifest without a scan.
 */
public final class ParquetFooterCheck {

  private ParquetFooterCheck() {}

  public static InputFile check(FileStatus status, SourceLayout layout, Configuration conf) {
    SourceKind kind = layout.kind();
    String path = status.getPath().toString();
    if (status.getLen() == 0) {
      throw new InputContractException(path + ": the file is empty (0 bytes), not a Parquet file");
    }
    ParquetMetadata footer;
    try {
      footer = ParquetFooters.read(status, conf);
    } catch (IOException | RuntimeException e) {
      throw new InputContractException(path + ": not a readable Parquet file (" + rootMessage(e) + ")", e);
    }
    MessageType schema = footer.getFileMetaData().getSchema();
    StructField[] canonical = kind.schema().fields();
    StructField[] raw = layout.readSchema().fields();
    for (int i = 0; i < raw.length; i++) {
      String name = raw[i].name();
      String label = name.equals(canonical[i].name()) ? "'" + name + "'" : "'" + name + "' (" + canonical[i].name() + ")";
      Optional<Type> column = schema.containsField(name) ? Optional.of(schema.getType(name)) : Optional.empty();
      if (column.isEmpty()) {
        if (kind.requiredColumns().contains(canonical[i].name())) {
          throw new InputContractException(path + ": required column " + label + " is missing; expected "
              + describe(raw[i].dataType()) + " (" + kind.folder() + " needs " + kind.requiredColumns() + ")");
        }
        continue;
      }
      if (!readableAs(column.get(), raw[i].dataType())) {
        throw new InputContractException(path + ": column " + label + " has Parquet type "
            + column.get().toString().trim() + "; expected " + describe(raw[i].dataType()));
      }
    }
    long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    DayRange days = dayRange(footer, layout.rawColumn(kind.isEvents() ? "event_time" : "date"));
    return new InputFile(path, status.getLen(), rows, days.first(), days.last(), fingerprint(footer),
        status.getModificationTime());
  }

  /**
   * A hash of what the footer says about the data: schema, and per row group its rows, and per column chunk its
   * size and statistics. Rows rewritten under the same path change it, even at an equal file size.
   */
  static String fingerprint(ParquetMetadata footer) {
    StringBuilder text = new StringBuilder(footer.getFileMetaData().getSchema().toString());
    for (BlockMetaData block : footer.getBlocks()) {
      text.append('|').append(block.getRowCount());
      block.getColumns().forEach(c -> text.append(';').append(c.getPath().toDotString()).append(',')
          .append(c.getTotalSize()).append(',').append(c.getStatistics() == null ? "" : c.getStatistics()));
    }
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** First and last day a file covers, from the column statistics; null when the writer kept none. */
  record DayRange(java.time.LocalDate first, java.time.LocalDate last) {}

  /**
   * The day range of a file's date or event-time column from its row-group statistics: no data is read. Event
   * instants are widened by a day on each side because the reporting country's zone is applied later.
   */
  static DayRange dayRange(ParquetMetadata footer, String column) {
    java.time.LocalDate first = null;
    java.time.LocalDate last = null;
    for (BlockMetaData block : footer.getBlocks()) {
      for (var chunk : block.getColumns()) {
        if (!chunk.getPath().toDotString().equals(column) || chunk.getStatistics() == null
            || !chunk.getStatistics().hasNonNullValue()) {
          continue;
        }
        java.time.LocalDate min = toDay(chunk.getPrimitiveType(), chunk.getStatistics().genericGetMin(), -1);
        java.time.LocalDate max = toDay(chunk.getPrimitiveType(), chunk.getStatistics().genericGetMax(), 1);
        if (min == null || max == null) {
          return new DayRange(null, null);
        }
        first = first == null || min.isBefore(first) ? min : first;
        last = last == null || max.isAfter(last) ? max : last;
      }
    }
    return new DayRange(first, last);
  }

  private static java.time.LocalDate toDay(PrimitiveType type, Object value, int widen) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return java.time.LocalDate.ofEpochDay(((Number) value).longValue());
    }
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
      long v = ((Number) value).longValue();
      java.time.Instant instant = switch (ts.getUnit()) {
        case MILLIS -> java.time.Instant.ofEpochMilli(v);
        case MICROS -> java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
        case NANOS -> java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
      };
      return instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(widen);
    }
    if (value instanceof org.apache.parquet.io.api.Binary text && text.length() >= 10) {
      try {
        return java.time.LocalDate.parse(text.toStringUsingUTF8().substring(0, 10));
      } catch (java.time.DateTimeException e) {
        return null;
      }
    }
    return null;
  }

  static boolean readableAs(Type column, DataType expected) {
    if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    PrimitiveType p = column.asPrimitiveType();
    PrimitiveTypeName physical = p.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (expected.equals(DataTypes.StringType)) {
      return physical == PrimitiveTypeName.BINARY
          && (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
    }
    if (expected.equals(DataTypes.DateType)) {
      return physical == PrimitiveTypeName.INT32 && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
    }
    if (expected.equals(DataTypes.LongType)) {
      return (physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32) && plainSignedInteger(logical);
    }
    if (expected.equals(DataTypes.IntegerType)) {
      return physical == PrimitiveTypeName.INT32 && plainSignedInteger(logical);
    }
    if (expected.equals(DataTypes.TimestampType)) {
      if (physical == PrimitiveTypeName.INT96) {
        return true;
      }
      return physical == PrimitiveTypeName.INT64
          && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
          && ts.isAdjustedToUTC()
          && ts.getUnit() != LogicalTypeAnnotation.TimeUnit.NANOS;
    }
    return false;
  }

  private static boolean plainSignedInteger(LogicalTypeAnnotation logical) {
    return logical == null
        || (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned());
  }

  static String describe(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "STRING (Parquet BINARY, UTF8)";
    }
    if (type.equals(DataTypes.DateType)) {
      return "DATE (Parquet INT32 annotated DATE)";
    }
    if (type.equals(DataTypes.LongType)) {
      return "BIGINT (Parquet INT64 or INT32)";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return "INT (Parquet INT32)";
    }
    if (type.equals(DataTypes.TimestampType)) {
      return "TIMESTAMP instant (Parquet INT64 TIMESTAMP(MILLIS|MICROS, isAdjustedToUTC=true) or INT96)";
    }
    return type.sql();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
