package org.borderflow.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;

/** Raw rows as RawReader yields them: canonical columns then source, priority, input_file, row_index. */
final class RawFixtures extends SparkTestBase {

  /** As-of 2022-12-31, from 1990, at most a million crossings a row. */
  static final RowValidation.Limits LIMITS = new RowValidation.Limits(java.time.LocalDate.parse("1990-01-01"),
      java.time.LocalDate.parse("2022-12-31"), 1_000_000);

  static StructType withLineage(SourceKind kind) {
    return kind.schema()
        .add(RawReader.SOURCE, DataTypes.StringType)
        .add(RawReader.PRIORITY, DataTypes.IntegerType)
        .add(RawReader.INPUT_FILE, DataTypes.StringType)
        .add(RawReader.ROW_INDEX, DataTypes.LongType);
  }

  /**
   * date, reporting_country, crossing_point, border_type, citizenship, direction, crossings (counterpart_country
   * null), source, file, index.
   */
  static Object[] count(String day, String country, String point, String borderType, String citizenship,
                        String direction, Long crossings, String source, String file, long index) {
    return row(day == null ? null : date(day), country, point, borderType, citizenship, direction, crossings, null,
        source, 200, file, index);
  }

  static Dataset<Row> counts(Object[]... rows) {
    return df(withLineage(SourceKind.DAILY_COUNTS), rows);
  }

  static Object[] event(String id, String instant, String country, String direction, String citizenship,
                        String traveller, String file, long index) {
    return row(id, instant == null ? null : instant(instant), country, "P1", "LAND", traveller, citizenship, "M",
        1990, direction, "ev", 100, file, index);
  }

  static Dataset<Row> events(Object[]... rows) {
    return df(withLineage(SourceKind.CROSSING_EVENTS), rows);
  }

  /** Finland (UTC+3 in September) and Russia: the known countries. */
  static final java.util.Map<String, String> ZONES = java.util.Map.of("FI", "Europe/Helsinki", "RU", "Europe/Moscow");

  /** Raw events validated with {@link #ZONES}. */
  static Dataset<Row> validated(Dataset<Row> rawEvents) {
    return RowValidation.validateEvents(rawEvents, ZONES, LIMITS);
  }

  /** The pass by traveller over classified events of the source "ev" in the known countries. */
  static Dataset<Row> pass(Dataset<Row> classified, int partitions, java.util.List<ByTraveller.CohortWindow> windows) {
    return ByTraveller.pass(classified, partitions, new ByTraveller.Setup(java.util.List.of("ev"),
        java.util.List.copyOf(ZONES.keySet()), windows));
  }
}
