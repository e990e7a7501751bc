package org.borderflow.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's outputs: daily rows of every source marked counted or set aside by precedence, the rejected
 * records, the per-source accounting, and the accepted events themselves for the person-level stage, in traveller
 * order ({@link ByTraveller}): source, priority, the traveller, citizenship, sex, birth year, direction, local date,
 * crossing point, border type and the timeline columns. Empty, with those columns, when there is no event source.
 */
public record IngestResult(Dataset<Row> markedDaily, Dataset<Row> rejectedRecords, List<SourceAccount> accounts,
                           Dataset<Row> acceptedEvents) {}
