package org.borderflow.ingest;

import java.time.LocalDate;

/**
 * One raw Parquet file, with the size, row count and covered days read from its footer ({@code firstDay} and
 * {@code lastDay} are null when the writer kept no statistics).
 */
public record InputFile(String path, long bytes, long rows, LocalDate firstDay, LocalDate lastDay) {}
