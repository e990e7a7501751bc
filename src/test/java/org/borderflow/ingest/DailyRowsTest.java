package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class DailyRowsTest extends SparkTestBase {

  private static final RowValidation.Limits LIMITS =
      new RowValidation.Limits(LocalDate.parse("1990-01-01"), LocalDate.parse("2022-12-31"), 1_000_000);

  @Test
  void anEventDayCountsCrossingsAndDistinctTravellersACountDayOnlyCrossings() {
    // t1 crosses in three times on one Finnish day (the 22:30Z crossing is already the 21st in Helsinki).
    Dataset<Row> accepted = Deduplication.classifyEvents(RowValidation.validateEvents(events(
            event("e1", "2022-09-20T22:30:00Z", "FI", "ENTRY", "RU", "t1", "f", 0),
            event("e2", "2022-09-21T08:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 1),
            event("e3", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 2),
            event("e4", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t2", "f", 3)),
        Map.of("FI", "Europe/Helsinki", "RU", "Europe/Moscow"), LIMITS))
        .where("status = 'accepted'");
    assertEquals(lines("[2022-09-21,ENTRY,4,2]"),
        sorted(DailyRows.fromEvents(accepted).select("date", "direction", "crossings", DailyRows.PERSONS)));
    Dataset<Row> countRows = DailyRows.fromCounts(counts(
        count("2022-09-21", "FI", null, null, "RU", "ENTRY", 100L, "s", "f", 0)));
    assertEquals(lines("[100,null]"), sorted(countRows.select("crossings", DailyRows.PERSONS)));
  }

  @Test
  void withoutEventSourcesTheAcceptedEventsAreEmptyWithTheirSchema() {
    Dataset<Row> none = Deduplication.classifyEvents(RowValidation.validateEvents(
        RawReader.empty(spark, SourceKind.CROSSING_EVENTS), Map.of("FI", "Europe/Helsinki"), LIMITS));
    assertEquals(0, none.count());
    assertEquals(events().schema().add("date", "date").add(RowValidation.REASON, "string")
        .add(Deduplication.STATUS, "string").fieldNames().length, none.columns().length);
    assertEquals(List.of(events().columns()), List.of(none.columns()).subList(0, events().columns().length));
  }
}
