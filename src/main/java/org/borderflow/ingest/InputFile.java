package org.borderflow.ingest;

/** One raw Parquet file, with the size and row count read from its footer. */
public record InputFile(String path, long bytes, long rows) {}
