package org.borderflow.persons;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.config.EventDefinition;
import org.borderflow.ingest.ByTraveller;
import org.borderflow.ingest.Deduplication;
import org.borderflow.ingest.RawReader;
import org.borderflow.ingest.RowValidation;
import org.borderflow.ingest.SourceKind;

/**
 * Accepted events as Ingest classifies them: raw rows through the real validation (which derives the local date)
 * and duplicate resolution, then the accepted ones; and the pass by traveller that the person-level stage reads.
 */
final class PersonFixtures extends SparkTestBase {

  static final Map<String, String> ZONES = Map.of("FI", "Europe/Helsinki", "GE", "Asia/Tbilisi",
      "RU", "Europe/Moscow", "BY", "Europe/Minsk", "DE", "Europe/Berlin");
  private static final RowValidation.Limits LIMITS =
      new RowValidation.Limits(LocalDate.parse("1990-01-01"), LocalDate.parse("2030-12-31"), 1_000_000);
  static final StructType RAW = SourceKind.CROSSING_EVENTS.schema()
      .add(RawReader.SOURCE, DataTypes.StringType)
      .add(RawReader.PRIORITY, DataTypes.IntegerType)
      .add(RawReader.INPUT_FILE, DataTypes.StringType)
      .add(RawReader.ROW_INDEX, DataTypes.LongType);

  /** A crossing at an instant; sex and birth year as given (null allowed). */
  static Object[] crossing(String source, String id, String instant, String country, String traveller,
                           String citizenship, String direction, String sex, Integer birthYear) {
    return row(id, instant(instant), country, "P1", "LAND", traveller, citizenship, sex, birthYear, direction,
        source, 100, source + ".parquet", 0L);
  }

  /** A Russian man born in 1990 crossing at Upper Lars. */
  static Object[] crossing(String id, String instant, String traveller, String direction) {
    return crossing("ge", id, instant, "GE", traveller, "RU", direction, "M", 1990);
  }

  static Dataset<Row> accepted(Object[]... rows) {
    return accepted(List.of(rows));
  }

  /** The pass by traveller over classified events, finding first entries into the cohorts of {@code events}. */
  static Dataset<Row> pass(Dataset<Row> classified, List<EventDefinition> events) {
    return ByTraveller.pass(classified, 3, new ByTraveller.Setup(sources(classified), List.copyOf(ZONES.keySet()),
        CohortFollowUp.cohortWindows(events)));
  }

  static List<String> sources(Dataset<Row> events) {
    return events.select(RawReader.SOURCE).distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  static Dataset<Row> pass(Dataset<Row> classified) {
    return pass(classified, List.of());
  }

  static Dataset<Row> accepted(List<Object[]> rows) {
    return Deduplication.classifyEvents(RowValidation.validateEvents(df(RAW, rows.toArray(Object[][]::new)), ZONES,
            LIMITS))
        .where(Deduplication.STATUS + " = '" + Deduplication.ACCEPTED + "'");
  }
}
