package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class DailyRowsTest extends SparkTestBase {

  private static final RowValidation.Limits LIMITS = RawFixtures.LIMITS;

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
}
