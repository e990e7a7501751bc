package org.borderflow.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's outputs: daily rows of every source marked counted or set aside by precedence, the rejected
 * records, the per-source accounting, and the accepted events themselves for the person-level stage (canonical
 * event columns, the lineage columns, the local {@code date} and {@code status}; empty, with that schema, when
 * there is no event source).
 */
public record IngestResult(Dataset<Row> markedDaily, Dataset<Row> rejectedRecords, List<SourceAccount> accounts,
                           Dataset<Row> acceptedEvents) {}
