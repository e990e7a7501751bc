package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.borderflow.ingest.RawFixtures.validated;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class DeduplicationTest extends SparkTestBase {

  private static final RowValidation.Limits LIMITS = RawFixtures.LIMITS;

  @Test
  void aRedeliveredEventCountsOnceAndTheFirstDeliveryIsKept() {
    Dataset<Row> raw = events(
        event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "a/ingest_date=2022-09-21/x.parquet", 0),
        event("e2", "2022-09-20T11:00:00Z", "FI", "EXIT", "RU", "t2", "a/ingest_date=2022-09-21/x.parquet", 1),
        event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "a/ingest_date=2022-09-22/x.parquet", 0),
        event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "a/ingest_date=2022-09-23/x.parquet", 0));
    Dataset<Row> classified = Deduplication.classifyEvents(validated(raw));
    assertEquals(lines("[e1,a/ingest_date=2022-09-21/x.parquet,accepted]",
            "[e2,a/ingest_date=2022-09-21/x.parquet,accepted]",
            "[e1,a/ingest_date=2022-09-22/x.parquet,duplicate]",
            "[e1,a/ingest_date=2022-09-23/x.parquet,duplicate]"),
        sorted(classified.select("event_id", "input_file", "status")));
  }

  @Test
  void anIdDeliveredAgainWithOtherContentIsStillADuplicateButAnInvalidRowNeverCounts() {
    // e1 comes back in a later file with another traveller and time: the id decides, not the content. e3 is
    // repeated only by an invalid row, so the valid one stays accepted and the invalid one rejected.
    Dataset<Row> raw = events(
        event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "a/ingest_date=2022-09-21/x.parquet", 0),
        event("e3", "2022-09-20T12:00:00Z", "FI", "ENTRY", "RU", "t3", "a/ingest_date=2022-09-21/x.parquet", 1),
        event("e1", "2022-09-21T09:00:00Z", "FI", "EXIT", "RU", "t9", "a/ingest_date=2022-09-22/x.parquet", 0),
        event("e3", "2022-09-20T12:00:00Z", "XX", "ENTRY", "RU", "t3", "a/ingest_date=2022-09-22/x.parquet", 1));
    Dataset<Row> validated = validated(raw);
    assertEquals(2, Deduplication.repeatedIdHashes(raw, 2).count(), "e1 and e3 repeat, valid or not");
    assertEquals(lines("[e1,t1,accepted]", "[e3,t3,accepted]", "[e1,t9,duplicate]", "[e3,t3,rejected]"),
        sorted(Deduplication.classifyEvents(validated).select("event_id", "traveller_id", "status")));
  }

  @Test
  void withoutRepeatedIdsNoRowIsADuplicateAndOnlyTheRepeatedOnesAreCompared() {
    Dataset<Row> raw = events(
        event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 0),
        event("e2", "2022-09-20T11:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 1),
        event("e2", "2022-09-20T11:00:00Z", "FI", "EXIT", "RU", "t1", "f2", 0));
    Dataset<Row> validated = validated(raw);
    assertEquals(lines("[e1,accepted]", "[e2,accepted]"), sorted(Deduplication.markEvents(
        validated.where("input_file = 'f1'"), null).select("event_id", "status")));
    Dataset<Row> repeated = Deduplication.repeatedIdHashes(raw, 2);
    assertEquals(lines("[ev,f2,0]"), sorted(Deduplication.duplicateEvents(validated, repeated)));
    assertEquals(lines("[f1]", "[f2]"), sorted(Deduplication.filesWithRepeatedIds(raw, repeated)));
  }

  @Test
  void aLaterCountsFileReplacesTheKeyButAnInvalidRowNeverDoes() {
    Dataset<Row> raw = counts(
        count("2022-09-20", "FI", null, null, "RU", "ENTRY", 100L, "s", "s/ingest_date=2022-09-21/a.parquet", 0),
        count("2022-09-20", "FI", null, null, "RU", "ENTRY", 120L, "s", "s/ingest_date=2022-09-25/a.parquet", 0),
        count("2022-09-20", "FI", null, null, "RU", "ENTRY", -5L, "s", "s/ingest_date=2022-09-30/a.parquet", 0),
        count("2022-09-20", "FI", "P1", null, "RU", "ENTRY", 7L, "s", "s/ingest_date=2022-09-21/a.parquet", 1));
    Dataset<Row> classified = Deduplication.classifyCounts(
        RowValidation.validateCounts(raw, List.of("FI", "RU"), LIMITS));
    assertEquals(lines("[null,100,duplicate]", "[null,120,accepted]", "[null,-5,rejected]", "[P1,7,accepted]"),
        sorted(classified.select("crossing_point", "crossings", "status")));
  }
}
