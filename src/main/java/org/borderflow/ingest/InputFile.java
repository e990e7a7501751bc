package org.borderflow.ingest;

import java.time.LocalDate;

/**
 * One raw Parquet file, with the size, row count and covered days read from its footer ({@code firstDay} and
 * {@code lastDay} are null when the writer kept no statistics), and a fingerprint of the footer: a file rewritten
 * under the same path with other rows has another one, which the incremental state compares. {@code modified} is
 * the listing's modification time (epoch milliseconds): with the size, it lets an incremental run take a consumed
 * file's footer facts from its ledger instead of reading the footer again ({@link LandingZone}).
 */
public record InputFile(String path, long bytes, long rows, LocalDate firstDay, LocalDate lastDay,
                        String fingerprint, long modified) {

  public InputFile(String path, long bytes, long rows, LocalDate firstDay, LocalDate lastDay) {
    this(path, bytes, rows, firstDay, lastDay, "", 0L);
  }

  /** Whether a listing entry has this file's size and modification time: the same file, as far as a listing shows. */
  public boolean listedAs(long listedBytes, long listedModified) {
    return bytes == listedBytes && modified == listedModified;
  }
}
