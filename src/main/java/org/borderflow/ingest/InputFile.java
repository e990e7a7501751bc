package org.borderflow.ingest;

import java.time.LocalDate;

/**
 * One raw Parquet file, with the size, row count and covered days read from its footer ({@code firstDay} and
 * {@code lastDay} are null when the writer kept no statistics), and a fingerprint of the footer: a file rewritten
 * under the same path with other rows has another one, which the incremental state compares.
 */
public record InputFile(String path, long bytes, long rows, LocalDate firstDay, LocalDate lastDay,
                        String fingerprint) {

  public InputFile(String path, long bytes, long rows, LocalDate firstDay, LocalDate lastDay) {
    this(path, bytes, rows, firstDay, lastDay, "");
  }
}
