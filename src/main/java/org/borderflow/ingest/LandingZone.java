package org.borderflow.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.borderflow.common.FileListing;

/**
 * Finds the sources of a landing zone ({@code <raw>/<kind>/<source>/**}) and checks every file's footer, except
 * the files an incremental state already consumed and the listing shows unchanged ({@link #discover(String,
 * Configuration, java.util.function.BiFunction, List, java.util.Map)}).
 */
public final class LandingZone {

  private static final Logger LOG = LogManager.getLogger(LandingZone.class);

  private LandingZone() {}

  /** Finds the sources of canonical shape only: for tests and tools that have no configuration. */
  public static List<SourceFiles> discover(String rawRoot, Configuration conf) {
    return discover(rawRoot, conf, (kind, name) -> new SourceLayout(kind,
        org.borderflow.config.SourceDeclaration.canonical(name), java.util.Map.of()), java.util.List.of());
  }

  /**
   * Finds the sources under the landing zone and the declared sources with a location of their own.
   *
   * @param layouts the layout of a source, from its declaration
   * @param elsewhere declared sources with their own location: (kind, name, location)
   */
  public static List<SourceFiles> discover(String rawRoot, Configuration conf,
                                           java.util.function.BiFunction<SourceKind, String, SourceLayout> layouts,
                                           List<Located> elsewhere) {
    return discover(rawRoot, conf, layouts, elsewhere, java.util.Map.of());
  }

  /**
   * As {@link #discover(String, Configuration, java.util.function.BiFunction, List)}, with {@code known}: files an
   * incremental state consumed, by path, as its ledger recorded them. A listed file whose size and modification
   * time equal its ledger entry's is taken from the ledger, its footer not read again: at 1,753 files, reading
   * every footer cost an increment more than 20 seconds. The trade-off: a file rewritten in place with the same
   * size and modification time is not seen as changed (a periodic full run, --rebuild-state, reads every footer).
   * A file whose size or time differs has its footer read and compared, as before.
   */
  public static List<SourceFiles> discover(String rawRoot, Configuration conf,
                                           java.util.function.BiFunction<SourceKind, String, SourceLayout> layouts,
                                           List<Located> elsewhere, java.util.Map<String, InputFile> known) {
    Path root = new Path(rawRoot);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new InputContractException("landing zone " + rawRoot + " does not exist");
      }
      List<SourceFiles> sources = new ArrayList<>();
      for (SourceKind kind : SourceKind.values()) {
        Path kindDir = new Path(root, kind.folder());
        if (!fs.exists(kindDir)) {
          continue;
        }
        FileStatus[] children = fs.listStatus(kindDir, FileListing::visible);
        java.util.Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus child : children) {
          if (!child.isDirectory()) {
            throw new InputContractException(child.getPath() + ": a file directly under " + kind.folder()
                + "/ belongs to no source; put it under " + kind.folder() + "/<source>/");
          }
          sources.add(source(fs, child.getPath(), layouts.apply(kind, child.getPath().getName()), conf, known));
        }
      }
      for (Located located : elsewhere) {
        Path dir = new Path(located.location());
        FileSystem other = dir.getFileSystem(conf);
        if (!other.exists(dir)) {
          throw new InputContractException("source " + located.name() + ": location " + located.location()
              + " does not exist");
        }
        sources.add(source(other, dir, layouts.apply(located.kind(), located.name()), conf, known));
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (SourceFiles s : sources) {
        if (!names.add(s.name())) {
          throw new InputContractException("source '" + s.name() + "' appears under both daily_counts/ and "
              + "crossing_events/ in " + rawRoot + "; source names must be unique across kinds");
        }
      }
      if (sources.isEmpty()) {
        throw new InputContractException("landing zone " + rawRoot + " has no sources: expected folders "
            + "daily_counts/<source>/ or crossing_events/<source>/ holding Parquet files");
      }
      return sources;
    } catch (IOException e) {
      throw new InputContractException("cannot list landing zone " + rawRoot + ": " + e.getMessage(), e);
    }
  }

  /** A declared source outside the landing zone. */
  public record Located(SourceKind kind, String name, String location) {}

  private static SourceFiles source(FileSystem fs, Path dir, SourceLayout layout, Configuration conf,
                                    java.util.Map<String, InputFile> known) throws IOException {
    SourceKind kind = layout.kind();
    List<FileStatus> statuses;
    try {
      statuses = new ArrayList<>(FileListing.visibleFiles(fs, dir));
    } catch (FileNotFoundException e) {
      throw new InputContractException(dir + " disappeared while it was listed", e);
    }
    if (statuses.isEmpty()) {
      throw new InputContractException(dir + ": source folder holds no files; remove it or deliver its Parquet files");
    }
    // Path order is delivery order: ingest_date=YYYY-MM-DD folders sort by date, and later files win (1.3).
    statuses.sort(Comparator.comparing(s -> s.getPath().toString()));
    List<InputFile> files = new ArrayList<>();
    int fromLedger = 0;
    for (FileStatus status : statuses) {
      InputFile seen = known.get(status.getPath().toString());
      if (seen != null && seen.listedAs(status.getLen(), status.getModificationTime())) {
        files.add(seen);
        fromLedger++;
      } else {
        files.add(ParquetFooterCheck.check(status, layout, conf));
      }
    }
    SourceFiles source = new SourceFiles(kind, layout.name(), layout, files);
    LOG.info("source {}/{}: {} files, {} rows, {} bytes; {} footers read, {} unchanged in the state's ledger",
        kind.folder(), source.name(), files.size(), source.rows(), files.stream().mapToLong(InputFile::bytes).sum(),
        files.size() - fromLedger, fromLedger);
    return source;
  }
}
