package org.borderflow.ingest;

/**
 * What became of one source's rows in a run. {@code read} comes from the files' footers, the rest from the data,
 * so the identity {@code read = accepted + rejected + duplicates} is a real check, not a tautology.
 */
public record SourceAccount(String source, String kind, long files, long read, long accepted, long rejected,
                            long duplicates, long setAsideDailyRows, long setAsideCrossings) {

  public boolean balanced() {
    return read == accepted + rejected + duplicates;
  }
}
