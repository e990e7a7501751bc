package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class ByTravellerTest extends SparkTestBase {

  private static Dataset<Row> timeline(Object[]... rows) {
    Dataset<Row> classified = Deduplication.classifyEvents(RawFixtures.validated(events(rows)));
    return ByTraveller.timeline(classified, 3).select("traveller_id", "event_id", "status",
        ByTraveller.CROSSINGS_TO_END, ByTraveller.NEXT_DATE, ByTraveller.NEXT_EXIT_DATE, ByTraveller.PREVIOUS_DATE);
  }

  @Test
  void eachCrossingKnowsWhatTheSameTravellerDidBeforeAndNext() {
    assertEquals(lines(
            "[t1,e1,accepted,4,2022-09-21,2022-09-21,null]",
            "[t1,e2,accepted,3,2022-09-25,2022-09-25,2022-09-20]",
            "[t1,e3,accepted,2,2022-09-25,2022-09-25,2022-09-21]",
            "[t1,e4,accepted,1,null,null,2022-09-25]",
            "[t2,e5,accepted,1,null,null,null]"),
        sorted(timeline(
            event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 0),
            event("e2", "2022-09-21T10:00:00Z", "FI", "EXIT", "RU", "t1", "f", 1),
            // Two crossings at one instant are ordered by event_id: e3, then e4.
            event("e4", "2022-09-25T08:00:00Z", "FI", "EXIT", "RU", "t1", "f", 2),
            event("e3", "2022-09-25T08:00:00Z", "FI", "ENTRY", "RU", "t1", "f", 3),
            event("e5", "2022-09-21T10:00:00Z", "FI", "EXIT", "RU", "t2", "f", 4))));
  }

  @Test
  void aRejectedOrDuplicateRowDoesNotStandBetweenTwoAcceptedCrossings() {
    assertEquals(lines(
            "[t1,e1,accepted,2,2022-09-23,2022-09-23,null]",
            "[t1,e3,accepted,1,null,null,2022-09-20]",
            "[t1,e2,rejected,1,null,null,null]",
            "[t1,e1,duplicate,1,null,null,null]"),
        sorted(timeline(
            event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 0),
            event("e2", "2022-09-21T10:00:00Z", "FI", "EXIT", "XX", "t1", "f1", 1),
            event("e3", "2022-09-23T10:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 2),
            event("e1", "2022-09-22T10:00:00Z", "FI", "EXIT", "RU", "t1", "f2", 0))));
  }
}
