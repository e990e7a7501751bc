package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class DailyRowsTest extends SparkTestBase {

  private static Dataset<Row> pass(Dataset<Row> classified) {
    return RawFixtures.pass(classified, 3, java.util.List.of());
  }

  private static Dataset<Row> classified(Object[]... rows) {
    return Deduplication.classifyEvents(RawFixtures.validated(events(rows)));
  }

  @Test
  void anEventDayCountsCrossingsAndDistinctTravellersACountDayOnlyCrossings() {
    // t1 crosses in three times on one Finnish day (the 22:30Z crossing is already the 21st in Helsinki).
    Dataset<Row> accepted = classified(
            event("e1", "2022-09-20T22:30:00Z", "FI", "ENTRY", "RU", "t1", "f", 0),
            event("e2", "2022-09-21T08:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 1),
            event("e3", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 2),
            event("e4", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t2", "f", 3));
    assertEquals(lines("[2022-09-21,ENTRY,4,2]"),
        sorted(DailyRows.fromEvents(pass(accepted)).select("date", "direction", "crossings", DailyRows.PERSONS)));
    Dataset<Row> countRows = DailyRows.fromCounts(counts(
        count("2022-09-21", "FI", null, null, "RU", "ENTRY", 100L, "s", "f", 0)));
    assertEquals(lines("[100,null]"), sorted(countRows.select("crossings", DailyRows.PERSONS)));
  }

  @Test
  void aCommutersSeveralCrossingsOfADayAreOnePerson() {
    // t1 goes in, out and in again at one point on the 21st; t2 crosses once that day; t3 once on the 21st and
    // once on the 22nd.
    Dataset<Row> classified = classified(
            event("e1", "2022-09-21T06:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 0),
            event("e2", "2022-09-21T09:00:00Z", "FI", "EXIT", "RU", "t1", "f", 1),
            event("e3", "2022-09-21T15:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 2),
            event("e4", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t2", "f", 3),
            event("e5", "2022-09-21T12:00:00Z", "FI", "ENTRY", "RU", "t3", "f", 4),
            event("e6", "2022-09-22T12:00:00Z", "FI", "EXIT", "RU", "t3", "f", 5));
    assertEquals(lines("[2022-09-21,ENTRY,4,3]", "[2022-09-21,EXIT,1,1]", "[2022-09-22,EXIT,1,1]"),
        sorted(DailyRows.fromEvents(pass(classified)).select("date", "direction", "crossings", DailyRows.PERSONS)));
  }
}
