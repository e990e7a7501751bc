package org.borderflow.ingest;

import java.util.List;

/** One source folder of the landing zone and its files, ordered by path (later deliveries sort later). */
public record SourceFiles(SourceKind kind, String name, SourceLayout layout, List<InputFile> files) {

  public long rows() {
    return files.stream().mapToLong(InputFile::rows).sum();
  }

  public String[] paths() {
    return files.stream().map(InputFile::path).toArray(String[]::new);
  }
}
