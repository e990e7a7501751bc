package org.borderflow.publish;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Stages every table of a run under {@code <out>/_staging/<run_id>/} and publishes them together by directory
 * renames, after a journal naming the tables is written. A run killed before the journal leaves the published
 * tables untouched and its staging is swept by the next run; a run killed during the renames is rolled forward by
 * the next run, because the journal is only written once every staged table is complete.
 */
public final class TablePublisher {

  private static final Logger LOG = LogManager.getLogger(TablePublisher.class);
  static final String STAGING = "_staging";
  static final String JOURNAL = "_PUBLISH";
  static final String REPLACED = "_replaced";

  private final Configuration conf;
  private final FileSystem fs;
  private final Path out;
  private final Path staging;
  private final String compression;
  private final Map<String, Long> stagedRows = new LinkedHashMap<>();
  /** Tables published partition by partition: the partition folders (column=value) this run replaces. */
  private final Map<String, List<String>> partialTables = new LinkedHashMap<>();
  /** Directories staged besides the tables ({@link #stageDirectory}). */
  private final List<String> directories = new ArrayList<>();

  public TablePublisher(Path out, String runId, String compression, Configuration conf) throws IOException {
    this.conf = conf;
    this.fs = out.getFileSystem(conf);
    this.out = fs.makeQualified(out);
    this.staging = new Path(new Path(this.out, STAGING), runId);
    this.compression = compression;
  }

  /**
   * Finishes or sweeps what earlier runs left in {@code _staging}: a journal means the run had staged everything
   * and was publishing, so its renames are completed; no journal means it died earlier and its files are deleted.
   */
  public static void recover(Path out, Configuration conf) throws IOException {
    FileSystem fs = out.getFileSystem(conf);
    Path root = new Path(fs.makeQualified(out), STAGING);
    if (!fs.exists(root)) {
      return;
    }
    for (FileStatus run : fs.listStatus(root)) {
      Path journal = new Path(run.getPath(), JOURNAL);
      if (fs.exists(journal)) {
        LOG.warn("recovering interrupted publish of run {}: completing it", run.getPath().getName());
        moveIntoPlace(fs, fs.makeQualified(out), run.getPath(), readJournal(fs, journal));
      } else {
        LOG.warn("removing staging of interrupted run {}", run.getPath().getName());
      }
      fs.delete(run.getPath(), true);
    }
  }

  /** Writes one table into staging and returns its row count, read from the written footers. */
  public long stage(String table, Dataset<Row> df, String... partitionBy) throws IOException {
    PublishFaults.maybeDie("before-stage-" + table);
    Path target = new Path(staging, table);
    Dataset<Row> toWrite = df;
    if (partitionBy.length > 0) {
      // One task per partition value, so each partition folder gets one file instead of one per task.
      Column[] parts = java.util.Arrays.stream(partitionBy).map(c -> col(c)).toArray(Column[]::new);
      toWrite = df.repartition(parts);
    } else {
      toWrite = df.coalesce(1);
    }
    toWrite.write().mode(SaveMode.Overwrite).option("compression", compression).partitionBy(partitionBy)
        .parquet(target.toString());
    Long written = ParquetRowCount.ofFiles(target, conf);
    if (written == null) {
      // Spark writes no file for an empty partitioned result; readers then fail on the table. One empty file with
      // the full schema keeps an empty table readable by Spark, DuckDB and pandas alike.
      df.limit(0).coalesce(1).write().mode(SaveMode.Overwrite).option("compression", compression)
          .parquet(target.toString());
    }
    long rows = written == null ? 0 : written;
    stagedRows.put(table, rows);
    PublishFaults.maybeDie("after-stage-" + table);
    return rows;
  }

  /**
   * Stages only some partitions of a table: publishing replaces exactly these partition folders (a listed
   * partition the data no longer has is removed) and leaves every other partition's files as they are.
   */
  public long stagePartitions(String table, Dataset<Row> df, String partitionColumn, List<String> values)
      throws IOException {
    long rows = stage(table, df, partitionColumn);
    List<String> folders = values.stream().map(v -> partitionColumn + "=" + v).toList();
    for (String folder : folders) {
      // An empty staged folder stands for "this partition has no rows now": publishing replaces the live one.
      fs.mkdirs(new Path(new Path(staging, table), folder));
    }
    partialTables.put(table, folders);
    return rows;
  }

  /**
   * Registers a directory the caller wrote under {@link #stagedPath} (the incremental state): published in the
   * same swap as the tables, replacing the live directory, or with {@code partitions} only those folders of it.
   * It is no table: {@link #stagedRows} does not list it.
   */
  public void stageDirectory(String name, List<String> partitions) {
    directories.add(name);
    if (partitions != null) {
      partialTables.put(name, List.copyOf(partitions));
    }
  }

  /** Where a table of this run is staged, to read it back before it is published. */
  public Path stagedPath(String table) {
    return new Path(staging, table);
  }

  public Map<String, Long> stagedRows() {
    return stagedRows;
  }

  /** Publishes every staged table: journal first, then one rename per table. */
  public void publish() throws IOException {
    List<String> tables = new ArrayList<>();
    List<String> names = new ArrayList<>(stagedRows.keySet());
    names.addAll(directories);
    for (String table : names) {
      List<String> partitions = partialTables.get(table);
      tables.add(partitions == null ? table : table + "\t" + String.join(",", partitions));
    }
    // Written aside and renamed: a journal is either absent or whole, never a prefix naming only some tables.
    Path pending = new Path(staging, "." + JOURNAL + ".tmp");
    try (FSDataOutputStream journal = fs.create(pending, true)) {
      journal.write(String.join("\n", tables).getBytes(StandardCharsets.UTF_8));
      journal.hsync();
    }
    rename(fs, pending, new Path(staging, JOURNAL));
    PublishFaults.maybeDie("after-journal");
    moveIntoPlace(fs, out, staging, tables);
    fs.delete(staging, true);
    removeEmptyPartitions();
  }

  private void removeEmptyPartitions() throws IOException {
    for (var entry : partialTables.entrySet()) {
      for (String folder : entry.getValue()) {
        Path partition = new Path(new Path(out, entry.getKey()), folder);
        if (fs.exists(partition) && !ParquetRowCount.hasParquetFiles(partition, conf)) {
          fs.delete(partition, true);
        }
      }
    }
  }

  public Path tablePath(String table) {
    return new Path(out, table);
  }

  /**
   * Drops the staging of a run that failed before publishing. Once the journal exists the staged tables are the
   * only complete copy of what is being swapped in, so they stay for the next run to finish the swap.
   */
  public void abandon() {
    try {
      if (fs.exists(new Path(staging, JOURNAL))) {
        LOG.warn("publishing of {} was interrupted; the next run completes it from {}", out, staging);
        return;
      }
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("could not remove staging {}: {}", staging, e.getMessage());
    }
  }

  /** Journal lines are a table name, or a table name, a tab and the partition folders to replace. */
  private static void moveIntoPlace(FileSystem fs, Path out, Path staging, List<String> journalLines)
      throws IOException {
    Path replaced = new Path(staging, REPLACED);
    for (String line : journalLines) {
      String[] parts = line.split("\t", 2);
      String table = parts[0];
      if (parts.length == 1) {
        replace(fs, new Path(staging, table), new Path(out, table), new Path(replaced, table));
      } else {
        fs.mkdirs(new Path(out, table));
        for (String partition : parts[1].split(",")) {
          replace(fs, new Path(new Path(staging, table), partition), new Path(new Path(out, table), partition),
              new Path(new Path(replaced, table), partition));
        }
      }
      PublishFaults.maybeDie("after-table-" + table);
    }
  }

  /**
   * Moves the live directory aside and the staged one into its place. A staged directory that is gone was moved
   * already, so a recovery can repeat the whole journal safely.
   */
  private static void replace(FileSystem fs, Path staged, Path live, Path aside) throws IOException {
    if (!fs.exists(staged)) {
      return;
    }
    if (fs.exists(live)) {
      fs.mkdirs(aside.getParent());
      rename(fs, live, aside);
    }
    fs.mkdirs(live.getParent());
    rename(fs, staged, live);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }

  private static List<String> readJournal(FileSystem fs, Path journal) throws IOException {
    try (FSDataInputStream in = fs.open(journal)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.isBlank() ? List.of() : List.of(text.split("\n"));
    }
  }
}
