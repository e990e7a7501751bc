package org.borderflow.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's outputs: daily rows of every source marked counted or set aside by precedence, the rejected
 * records, the per-source accounting, and the output of the pass over the events by traveller
 * ({@link ByTraveller#SCHEMA}), persisted, for the person-level stage. Empty, with those columns, when there is no
 * event source. {@code acceptedCounts}: the daily-count rows accepted, as validated (null without a count source),
 * which the incremental state keeps.
 */
public record IngestResult(Dataset<Row> markedDaily, Dataset<Row> rejectedRecords, List<SourceAccount> accounts,
                           Dataset<Row> travellerPass, Dataset<Row> acceptedCounts) {}
