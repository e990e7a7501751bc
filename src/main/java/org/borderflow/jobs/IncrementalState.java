package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.ingest.ByTraveller;
import org.borderflow.ingest.EventHorizon;
import org.borderflow.ingest.EventState;
import org.borderflow.ingest.IncrementalIngest;
import org.borderflow.ingest.Ingest;
import org.borderflow.ingest.InputFile;
import org.borderflow.ingest.SourceAccount;
import org.borderflow.ingest.SourceFiles;
import org.borderflow.ingest.SourceKind;
import org.borderflow.publish.ParquetRowCount;
import org.borderflow.publish.TablePublisher;

/**
 * The state under {@code <out>/_state/} that an incremental run adds new files to (README, "Incremental runs"):
 * {@code events/batch=<run_id>/}, the events inside the horizon and the carries ({@link EventHorizon}), rewritten
 * when the horizon moves and otherwise added to by each increment; {@code ids/batch=<run_id>/}, the fingerprints of
 * the older event ids, added to when the horizon moves; and {@code summary/}, replaced by every run:
 * {@code state.json} (versions, the horizon, the ledger of files consumed, status counts), {@code pass/} (the
 * summed pass by traveller), {@code counts/} (accepted daily-count rows) and {@code rejected/} (rejected records).
 * All are published in the run's one swap with the tables.
 */
final class IncrementalState {

  static final String EVENTS = "_state/events";
  static final String IDS = "_state/ids";
  static final String SUMMARY = "_state/summary";
  /** Staged only: the compact events of the files a run read, from which the state keeps what it needs. */
  static final String SCRATCH = "_state/scratch";
  static final String META = "state.json";
  /**
   * The layout of the state; a state of another format is not read (the run is a full one and says why). 2: the
   * ledger keeps each file's modification time and covered days, so that an increment reads no footer of a file
   * the listing shows unchanged. 3: events bounded by a horizon, carries and id fingerprints.
   */
  static final int FORMAT = 3;
  /** Configuration sections that do not change what the state holds. */
  private static final List<String> NOT_FINGERPRINTED = List.of("spark", "quality", "lineage", "incremental",
      "output");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String FUTURE = "is after the run's as-of date";

  /** A file the state consumed, with what its listing and footer said then. */
  record Consumed(int index, String source, String kind, String path, long bytes, long rows, String fingerprint,
                  long modified, LocalDate firstDay, LocalDate lastDay) {

    InputFile asInputFile() {
      return new InputFile(path, bytes, rows, firstDay, lastDay, fingerprint, modified);
    }
  }

  /** What {@code state.json} holds. */
  record Meta(int format, String version, String codeVersion, String configuration, LocalDate asOf,
              LocalDate lastDay, LocalDate futureRejectedFrom, LocalDate horizonStart, List<Consumed> files,
              Map<String, long[]> countStatus) {}

  /**
   * How this run uses the state: {@code incremental}, reading only {@code fresh} (sources with only their new
   * files), or a full run for {@code reason}; {@code ledger} indexes every file of the landing zone for the state
   * this run writes.
   */
  record Decision(boolean incremental, String reason, Meta previous, List<SourceFiles> fresh,
                  Map<String, Integer> ledger) {

    /** A full run instead, for {@code why}: every file of the landing zone is read and indexed anew. */
    Decision full(String why) {
      return new Decision(false, why, previous, List.of(), fullLedger(List.copyOf(ledger.keySet())));
    }

    long freshFiles() {
      return fresh.stream().mapToLong(s -> s.files().size()).sum();
    }
  }

  private IncrementalState() {}

  /** The state's {@code state.json}, or null when there is none. */
  static Meta read(Path out, Configuration hadoop) throws IOException {
    Path meta = new Path(new Path(out, SUMMARY), META);
    FileSystem fs = meta.getFileSystem(hadoop);
    if (!fs.exists(meta)) {
      return null;
    }
    JsonNode doc;
    try (InputStream in = fs.open(meta)) {
      doc = JSON.readTree(in);
    }
    List<Consumed> files = new ArrayList<>();
    // Read leniently: a state of an older format lacks some fields, and is then only read to say why it is not used.
    doc.path("files").forEach(f -> files.add(new Consumed(f.path("index").asInt(), f.path("source").asText(),
        f.path("kind").asText(), f.path("path").asText(), f.path("bytes").asLong(), f.path("rows").asLong(),
        f.path("fingerprint").asText(), f.path("modified").asLong(-1), date(f.path("first_day")),
        date(f.path("last_day")))));
    Map<String, long[]> countStatus = new LinkedHashMap<>();
    doc.path("count_status").fields().forEachRemaining(e -> countStatus.put(e.getKey(),
        new long[] {e.getValue().get(0).asLong(), e.getValue().get(1).asLong(), e.getValue().get(2).asLong()}));
    return new Meta(doc.path("format").asInt(), doc.path("version").asText(), doc.path("code_version").asText(),
        doc.path("configuration").asText(), date(doc.path("as_of")), date(doc.path("last_day")),
        date(doc.path("future_rejected_from")), date(doc.path("horizon_start")), files, countStatus);
  }

  /**
   * Whether the state can be used: it exists, was written by this code and configuration, at an as-of that
   * rejects no row this run would accept, and every file it consumed is still there as it was. New event files
   * must sort after the source's consumed ones, since the first delivery of a repeated id is the one kept.
   */
  static Decision decide(Meta meta, List<SourceFiles> sources, String codeVersion, String configuration,
                         LocalDate asOf, boolean rebuild) {
    List<String> every = sources.stream().flatMap(s -> s.files().stream()).map(InputFile::path).toList();
    Decision full = new Decision(false, null, meta, List.of(), fullLedger(every));
    String unusable = unusable(meta, codeVersion, configuration, asOf, rebuild);
    if (unusable != null) {
      return full.full(unusable);
    }
    Map<String, InputFile> listed = new HashMap<>();
    sources.forEach(s -> s.files().forEach(f -> listed.put(f.path(), f)));
    Map<String, String> lastConsumed = new HashMap<>();
    Map<String, Integer> ledger = new LinkedHashMap<>();
    for (Consumed c : meta.files()) {
      InputFile now = listed.get(c.path());
      if (now == null) {
        return full.full("consumed file " + c.path() + " is no longer in the landing zone");
      }
      if (now.bytes() != c.bytes() || now.rows() != c.rows() || !now.fingerprint().equals(c.fingerprint())) {
        return full.full("consumed file " + c.path() + " changed after it was consumed (" + c.bytes() + " bytes, "
            + c.rows() + " rows then; " + now.bytes() + " bytes, " + now.rows() + " rows now"
            + (now.fingerprint().equals(c.fingerprint()) ? "" : ", another footer") + ")");
      }
      ledger.put(c.path(), c.index());
      lastConsumed.merge(c.kind() + "/" + c.source(), c.path(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    int next = meta.files().stream().mapToInt(Consumed::index).max().orElse(-1) + 1;
    List<SourceFiles> fresh = new ArrayList<>();
    for (SourceFiles s : sources) {
      List<InputFile> added = s.files().stream().filter(f -> !ledger.containsKey(f.path())).toList();
      String last = lastConsumed.get(s.kind().folder() + "/" + s.name());
      for (InputFile f : added) {
        if (s.kind() == SourceKind.CROSSING_EVENTS && last != null && f.path().compareTo(last) < 0) {
          return full.full("new event file " + f.path() + " sorts before consumed file " + last + ": which copy of "
              + "a repeated event id is kept could change");
        }
      }
      if (!added.isEmpty()) {
        fresh.add(new SourceFiles(s.kind(), s.name(), s.layout(), added));
      }
      for (InputFile f : added) {
        ledger.put(f.path(), next++);
      }
    }
    return new Decision(true, "state " + meta.version() + " is usable", meta, fresh, ledger);
  }

  /**
   * Why the state cannot be used whatever the landing zone holds, or null: asked for a full run, no state, another
   * format, code version or configuration, or an as-of that changes which rows the state rejected as future.
   */
  static String unusable(Meta meta, String codeVersion, String configuration, LocalDate asOf, boolean rebuild) {
    if (rebuild) {
      return "a full recompute was asked for (--rebuild-state)";
    }
    if (meta == null) {
      return "no state under <out>/_state (first incremental run, or the state was removed)";
    }
    if (meta.format() != FORMAT) {
      return "the state has format " + meta.format() + ", this code writes " + FORMAT;
    }
    if (!meta.codeVersion().equals(codeVersion)) {
      return "the state was written by code version '" + meta.codeVersion() + "', this is '" + codeVersion + "'";
    }
    if (!meta.configuration().equals(configuration)) {
      return "the state was written with another configuration (fingerprint " + meta.configuration() + ", now "
          + configuration + ")";
    }
    if (asOf.isBefore(meta.asOf())) {
      return "--as-of " + asOf + " is before the state's " + meta.asOf() + ": rows it accepted may now be in the "
          + "future";
    }
    if (meta.futureRejectedFrom() != null && !asOf.isBefore(meta.futureRejectedFrom())) {
      return "rows rejected as after the state's as-of date (from " + meta.futureRejectedFrom() + ") are within "
          + "--as-of " + asOf + " now";
    }
    return null;
  }

  /**
   * The consumed files of a usable state by path, for the landing zone's listing to take unchanged files from
   * ({@link org.borderflow.ingest.LandingZone}); empty when the state will not be used, so that a full run reads
   * and checks every footer against the configuration it runs with.
   */
  static Map<String, InputFile> known(Meta meta, String codeVersion, String configuration, LocalDate asOf,
                                      boolean rebuild) {
    if (unusable(meta, codeVersion, configuration, asOf, rebuild) != null) {
      return Map.of();
    }
    Map<String, InputFile> known = new HashMap<>();
    meta.files().forEach(c -> known.put(c.path(), c.asInputFile()));
    return known;
  }

  private static Map<String, Integer> fullLedger(List<String> paths) {
    Map<String, Integer> ledger = new LinkedHashMap<>();
    paths.forEach(p -> ledger.put(p, ledger.size()));
    return ledger;
  }

  /** A fingerprint of the configuration sections that decide what the state holds. */
  static String fingerprint(String effectiveJson) {
    try {
      ObjectNode doc = (ObjectNode) JSON.readTree(effectiveJson);
      NOT_FINGERPRINTED.forEach(doc::remove);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(doc)
          .getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the configuration", e);
    }
  }

  /** The previous run's state as the increment reads it. */
  static IncrementalIngest.Previous previous(SparkSession spark, Path out, Meta meta) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path summary = new Path(out, SUMMARY);
    Path events = new Path(out, EVENTS);
    Column[] compact = EventHorizon.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
    Map<Integer, String> files = new HashMap<>();
    meta.files().forEach(f -> files.put(f.index(), f.path()));
    Path ids = new Path(out, IDS);
    return new IncrementalIngest.Previous(
        hasData(events, hadoop) ? spark.read().parquet(events.toString()).select(compact)
            : null,
        hasData(ids, hadoop) ? spark.read().parquet(ids.toString()).select(EventHorizon.FINGERPRINT, EventState.FILE)
            : null,
        (int) meta.horizonStart().toEpochDay(),
        PublishedTable.read(spark, new Path(summary, "pass"), ByTraveller.SCHEMA),
        hasData(new Path(summary, "counts"), hadoop)
            ? spark.read().parquet(new Path(summary, "counts").toString()) : null,
        PublishedTable.read(spark, new Path(summary, "rejected"), REJECTED),
        meta.countStatus(), files);
  }

  private static final StructType REJECTED = new StructType(java.util.Arrays.stream(Ingest.REJECTED_COLUMNS)
      .map(c -> DataTypes.createStructField(c, DataTypes.StringType, true))
      .toArray(org.apache.spark.sql.types.StructField[]::new));

  /**
   * Writes {@code summary/} into {@code staged}: the summed pass, the accepted count rows, the rejected records
   * and {@code state.json}, whose version is this run's id.
   */
  static void writeSummary(Path staged, Configuration hadoop, String compression, String runId, String codeVersion,
                           String configuration, LocalDate asOf, LocalDate horizonStart, Dataset<Row> pass,
                           Dataset<Row> acceptedCounts,
                           Dataset<Row> rejected, Dataset<Row> daily, List<SourceFiles> sources,
                           Map<String, Integer> ledger, List<SourceAccount> accounts) throws IOException {
    write(pass, new Path(staged, "pass"), compression);
    if (acceptedCounts != null) {
      write(acceptedCounts.select(IncrementalIngest.COUNT_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new)),
          new Path(staged, "counts"), compression);
    }
    write(rejected, new Path(staged, "rejected"), compression);
    Row last = daily.agg(max(col("date"))).first();
    Row future = rejected.where(col("reason").contains(FUTURE))
        .agg(min(regexp_extract(col("reason"), "^date (\\d{4}-\\d{2}-\\d{2}) " + FUTURE, 1))).first();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("version", runId);
    doc.put("code_version", codeVersion);
    doc.put("configuration", configuration);
    doc.put("as_of", asOf.toString());
    doc.put("last_day", last.isNullAt(0) ? null : last.getDate(0).toString());
    doc.put("future_rejected_from", future.isNullAt(0) || future.getString(0).isEmpty() ? null : future.getString(0));
    doc.put("horizon_start", horizonStart.toString());
    Map<String, Object> status = new LinkedHashMap<>();
    accounts.stream().filter(a -> a.kind().equals(SourceKind.DAILY_COUNTS.folder()))
        .forEach(a -> status.put(a.source(), List.of(a.accepted(), a.rejected(), a.duplicates())));
    doc.put("count_status", status);
    List<Map<String, Object>> files = new ArrayList<>();
    for (SourceFiles s : sources) {
      for (InputFile f : s.files()) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("index", ledger.get(f.path()));
        file.put("source", s.name());
        file.put("kind", s.kind().folder());
        file.put("path", f.path());
        file.put("bytes", f.bytes());
        file.put("rows", f.rows());
        file.put("fingerprint", f.fingerprint());
        file.put("modified", f.modified());
        file.put("first_day", f.firstDay() == null ? null : f.firstDay().toString());
        file.put("last_day", f.lastDay() == null ? null : f.lastDay().toString());
        files.add(file);
      }
    }
    doc.put("files", files);
    Path meta = new Path(staged, META);
    try (OutputStream outStream = meta.getFileSystem(hadoop).create(meta, true)) {
      outStream.write(JSON.writeValueAsBytes(doc));
    }
  }

  /**
   * Stages the state's events under {@code batch=<runId>} of {@link #EVENTS}, and with {@code fingerprints} those
   * under {@link #IDS}: {@code replaceEvents} replaces every earlier batch (a full run, or a horizon that moved),
   * otherwise the batch is added; a full run replaces the fingerprints too, an increment adds its batch.
   */
  static void stageEvents(TablePublisher publisher, Configuration hadoop, String compression, String runId,
                          Dataset<Row> events, boolean replaceEvents, Dataset<Row> fingerprints, boolean fullRun)
      throws IOException {
    String batch = "batch=" + runId;
    Path stagedEvents = publisher.stagedPath(EVENTS);
    if (events != null) {
      events.write().mode(org.apache.spark.sql.SaveMode.Overwrite).option("compression", compression)
          .parquet(new Path(stagedEvents, batch).toString());
    }
    // Also when no event source is left and no batch was written: an empty directory then takes the place of the
    // earlier batches, which a later increment would otherwise read.
    register(publisher, hadoop, EVENTS, batch, replaceEvents);
    if (fingerprints != null) {
      // Sorted fingerprints differ by little: Parquet's version-2 pages store those differences bit-packed.
      fingerprints.write().mode(org.apache.spark.sql.SaveMode.Overwrite).option("compression", compression)
          .option("parquet.writer.version", "v2").option("parquet.enable.dictionary", "false")
          .parquet(new Path(publisher.stagedPath(IDS), batch).toString());
    }
    register(publisher, hadoop, IDS, batch, fullRun);
  }

  /** Publishes the staged {@code dir} in place of the live one, or adds its {@code batch} when one was written. */
  private static void register(TablePublisher publisher, Configuration hadoop, String dir, String batch,
                               boolean replace) throws IOException {
    Path staged = publisher.stagedPath(dir);
    if (replace) {
      staged.getFileSystem(hadoop).mkdirs(staged);
      publisher.stageDirectory(dir, null);
    } else if (hasData(staged, hadoop)) {
      publisher.stageDirectory(dir, List.of(batch));
    }
  }

  /** Whether a directory exists and holds Parquet files. */
  static boolean hasData(Path dir, Configuration hadoop) throws IOException {
    return dir.getFileSystem(hadoop).exists(dir) && ParquetRowCount.hasParquetFiles(dir, hadoop);
  }

  private static void write(Dataset<Row> df, Path path, String compression) {
    df.coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Overwrite).option("compression", compression)
        .parquet(path.toString());
  }

  private static LocalDate date(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : LocalDate.parse(node.asText());
  }
}
