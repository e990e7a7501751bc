package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.count;
import static org.borderflow.ingest.RawFixtures.counts;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
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
    Dataset<Row> classified = Deduplication.classifyEvents(
        RowValidation.validateEvents(raw, Map.of("FI", "Europe/Helsinki", "RU", "Europe/Moscow"), LIMITS));
    assertEquals(lines("[e1,a/ingest_date=2022-09-21/x.parquet,accepted]",
            "[e2,a/ingest_date=2022-09-21/x.parquet,accepted]",
            "[e1,a/ingest_date=2022-09-22/x.parquet,duplicate]",
            "[e1,a/ingest_date=2022-09-23/x.parquet,duplicate]"),
        sorted(classified.select("event_id", "input_file", "status")));
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
