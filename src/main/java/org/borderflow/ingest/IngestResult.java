package org.borderflow.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's outputs: daily rows of every source marked counted or set aside by precedence, the rejected
 * records, and the per-source accounting.
 */
public record IngestResult(Dataset<Row> markedDaily, Dataset<Row> rejectedRecords, List<SourceAccount> accounts) {}
