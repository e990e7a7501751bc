package org.borderflow.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.borderflow.common.RunCache;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;

/**
 * Raw files to daily rows: read with the canonical schema, validate, resolve duplicates, aggregate events to
 * days and apply source precedence. All sources of a kind are one plan, so the cost of planning does not grow
 * with the number of sources. The daily counts are classified and persisted once, and feed the accounting, the
 * rejected records and the daily rows. The events go through one pass by traveller ({@link ByTraveller}) whose
 * small output, persisted, holds their accounting, rejected rows, daily rows and every person-level contribution.
 */
public final class Ingest {

  private static final Logger LOG = LogManager.getLogger(Ingest.class);
  public static final String[] REJECTED_COLUMNS = {"source", "kind", "input_file", "reason", "record"};
  /** The raw row as JSON, for rejected rows only: the text is never built for a row that is not rejected. */
  static final String RECORD = "_record";

  private final SparkSession spark;
  private final PipelineSettings settings;
  private final CountryTable countries;
  private final RowValidation.Limits limits;
  private final RunCache cache = new RunCache();

  public Ingest(SparkSession spark, PipelineSettings settings, CountryTable countries, java.time.LocalDate asOf) {
    this.spark = spark;
    this.settings = settings;
    this.countries = countries;
    this.limits = new RowValidation.Limits(settings.minDate(), asOf, settings.maxCrossingsPerRow());
  }

  /**
   * Reads, validates and classifies every source. The event sources go through one pass by traveller
   * ({@link ByTraveller}), which also finds each traveller's first entry into the {@code cohortWindows}.
   */
  public IngestResult run(List<SourceFiles> sources, List<ByTraveller.CohortWindow> cohortWindows) {
    return run(sources, cohortWindows, null);
  }

  /**
   * As {@link #run(List, List)}; with an {@code eventState}, the compact events are written into it once and the
   * pass reads them back from there, so that the incremental state costs a write, not a second reading of the raw
   * files.
   */
  public IngestResult run(List<SourceFiles> sources, List<ByTraveller.CohortWindow> cohortWindows,
                          EventState eventState) {
    Map<String, long[]> statusCounts = new HashMap<>();
    List<Dataset<Row>> rejected = new ArrayList<>();
    Dataset<Row> acceptedCounts = null;
    Dataset<Row> pass = null;
    List<SourceFiles> counts = ofKind(sources, SourceKind.DAILY_COUNTS);
    if (!counts.isEmpty()) {
      Dataset<Row> classified = cache.persist(Deduplication.classifyCounts(validated(counts)));
      Column status = col(Deduplication.STATUS);
      statusCounts.putAll(statusCounts(classified.groupBy(RawReader.SOURCE)
          .agg(sum(when(status.equalTo(Deduplication.ACCEPTED), 1L).otherwise(0L)),
              sum(when(status.equalTo(Deduplication.REJECTED), 1L).otherwise(0L)),
              sum(when(status.equalTo(Deduplication.DUPLICATE), 1L).otherwise(0L)))));
      acceptedCounts = classified.where(status.equalTo(Deduplication.ACCEPTED));
      rejected.add(rejectedRecords(classified.where(status.equalTo(Deduplication.REJECTED)),
          SourceKind.DAILY_COUNTS));
    }
    List<SourceFiles> events = ofKind(sources, SourceKind.CROSSING_EVENTS);
    if (!events.isEmpty()) {
      int partitions = partitions(events);
      ByTraveller.Setup setup = setup(events, cohortWindows);
      Dataset<Row> classified = classifiedEvents(events, partitions);
      Dataset<Row> compact = eventState == null ? ByTraveller.compact(classified)
          : eventState.keep(ByTraveller.compact(classified, eventState.fileIndex()));
      pass = cache.checkpoint(ByTraveller.walk(compact, partitions,
          eventState == null ? setup : setup.withHorizon(eventState.horizonDay())));
      statusCounts.putAll(statusCounts(ByTraveller.ofKind(pass, ByTraveller.Kind.STATUS)
          .groupBy(RawReader.SOURCE).agg(sum("n1"), sum("n2"), sum("n3"))));
      rejected.add(rejectedRecords(ByTraveller.ofKind(pass, ByTraveller.Kind.REJECTED),
          SourceKind.CROSSING_EVENTS));
    }
    return result(sources, statusCounts, acceptedCounts, pass, rejected.stream().reduce(Dataset::unionByName).get());
  }

  /**
   * The ingest's outputs from the accepted count rows and the pass (either may be null): daily rows marked by
   * precedence, and each source's account, its status counts taken from {@code statusCounts}.
   */
  IngestResult result(List<SourceFiles> sources, Map<String, long[]> statusCounts, Dataset<Row> acceptedCounts,
                      Dataset<Row> pass, Dataset<Row> rejectedRecords) {
    List<Dataset<Row>> daily = new ArrayList<>();
    if (acceptedCounts != null) {
      daily.add(DailyRows.fromCounts(acceptedCounts));
    }
    if (pass != null) {
      daily.add(DailyRows.fromEvents(pass));
    }
    Dataset<Row> marked = cache.checkpoint(SourcePrecedence.mark(daily.stream()
        .reduce((a, b) -> a.unionByName(b, true)).get()));
    Map<String, long[]> setAside = setAsideCounts(marked);
    List<SourceAccount> accounts = new ArrayList<>();
    for (SourceFiles s : sources) {
      long[] st = statusCounts.getOrDefault(s.name(), new long[3]);
      long[] aside = setAside.getOrDefault(s.name(), new long[2]);
      SourceAccount account = new SourceAccount(s.name(), s.kind().folder(), s.files().size(), s.rows(),
          st[0], st[1], st[2], aside[0], aside[1]);
      LOG.info("source {}/{}: read {} = accepted {} + rejected {} + duplicates {}{}; set aside by precedence: "
              + "{} daily rows ({} crossings)", account.kind(), account.source(), account.read(), account.accepted(),
          account.rejected(), account.duplicates(), account.balanced() ? "" : "  << DOES NOT ADD UP",
          account.setAsideDailyRows(), account.setAsideCrossings());
      accounts.add(account);
    }
    if (pass == null) {
      // No event source: the person-level stage gets no rows, with the columns it expects.
      pass = spark.createDataFrame(List.of(), ByTraveller.SCHEMA);
    }
    return new IngestResult(marked, rejectedRecords, accounts, pass, acceptedCounts);
  }

  int partitions(List<SourceFiles> events) {
    return settings.eventPartitions(events.stream().mapToLong(SourceFiles::rows).sum(),
        spark.sparkContext().defaultParallelism());
  }

  ByTraveller.Setup setup(List<SourceFiles> events, List<ByTraveller.CohortWindow> cohortWindows) {
    return new ByTraveller.Setup(events.stream().map(SourceFiles::name).toList(),
        List.copyOf(countries.zoneByAlpha2().keySet()), cohortWindows);
  }

  SparkSession spark() {
    return spark;
  }

  RunCache cache() {
    return cache;
  }

  /**
   * The event rows with their status. The raw files are read twice: once for event_id alone, to find the ids that
   * repeat, and once whole. Only when an id repeats are its rows compared exactly.
   */
  private Dataset<Row> classifiedEvents(List<SourceFiles> events, int partitions) {
    return classifiedEvents(events, partitions, null, events);
  }

  /**
   * As {@link #classifiedEvents(List, int)}, for an increment: {@code earlier} holds the hashes of event ids
   * accepted before ({@code id_hash}) with the files that delivered them ({@code input_file}); an id of the new
   * files found there is a candidate duplicate, and its earlier file (one of {@code every}) is read to compare the
   * rows exactly.
   */
  Dataset<Row> classifiedEvents(List<SourceFiles> events, int partitions, Dataset<Row> earlier,
                                List<SourceFiles> every) {
    return classifiedEvents(events, partitions, earlier, null, every, validated(events));
  }

  /**
   * As above, with the {@code events}' validated rows given (an increment validates its new files once), and the
   * fingerprints of older accepted ids ({@link EventHorizon#FINGERPRINT}, {@code input_file}) beside the exact
   * hashes of {@code earlier}: a new id whose fingerprint is there is compared with that file's rows.
   */
  Dataset<Row> classifiedEvents(List<SourceFiles> events, int partitions, Dataset<Row> earlier,
                                Dataset<Row> earlierFingerprints, List<SourceFiles> every, Dataset<Row> validated) {
    Dataset<Row> ids = events.stream()
        .map(s -> RawReader.read(spark, s, 0).select(RawReader.SOURCE, "event_id", RawReader.INPUT_FILE))
        .reduce(Dataset::unionByName).get();
    Dataset<Row> repeated = Deduplication.repeatedIdHashes(ids, partitions);
    java.util.Set<String> holding = new java.util.HashSet<>();
    if (earlier != null) {
      Dataset<Row> newIds = Deduplication.idHashes(ids);
      Dataset<Row> seen = earlier.join(broadcast(newIds), Deduplication.ID_HASH, "left_semi");
      if (earlierFingerprints != null) {
        // The new id's own hash stands for the earlier one: the exact comparison then finds whether they are equal.
        seen = seen.unionByName(earlierFingerprints.join(broadcast(newIds.withColumn(EventHorizon.FINGERPRINT,
                EventHorizon.fingerprint(col(Deduplication.ID_HASH)))), EventHorizon.FINGERPRINT)
            .select(Deduplication.ID_HASH, RawReader.INPUT_FILE));
      }
      seen = cache.checkpoint(seen);
      seen.select(RawReader.INPUT_FILE).distinct().collectAsList().forEach(r -> holding.add(filePath(r.getString(0))));
      repeated = repeated.unionByName(seen.select(Deduplication.ID_HASH)).distinct();
    }
    repeated = cache.checkpoint(repeated);
    Dataset<Row> duplicates = null;
    if (!repeated.isEmpty()) {
      // Only the files that hold a repeated id are read whole to compare their rows: usually a re-delivery and
      // the delivery it repeats, not the whole landing zone.
      Deduplication.filesWithRepeatedIds(ids, repeated).collectAsList()
          .forEach(r -> holding.add(filePath(r.getString(0))));
      List<SourceFiles> candidates = every.stream()
          .map(s -> new SourceFiles(s.kind(), s.name(), s.layout(),
              s.files().stream().filter(f -> holding.contains(filePath(f.path()))).toList()))
          .filter(s -> !s.files().isEmpty()).toList();
      LOG.info("event ids that repeat: {} files to compare", holding.size());
      if (candidates.isEmpty()) {
        // Spark named the files in a form this run could not match to the landing zone's: compare them all.
        LOG.warn("the files holding repeated event ids did not match the listed files; comparing every event file");
        candidates = events;
      }
      duplicates = cache.checkpoint(Deduplication.duplicateEvents(validated(candidates), repeated));
    }
    return Deduplication.markEvents(validated, duplicates);
  }

  /**
   * The validated rows of one kind's sources, with the raw record of each rejected row. Canonical sources are read
   * as one union; a declared source's raw row has a shape of its own, so it is validated on its own and joins the
   * others once its record is text.
   */
  Dataset<Row> validated(List<SourceFiles> sources) {
    List<List<SourceFiles>> groups = new ArrayList<>();
    List<SourceFiles> canonical = sources.stream().filter(s -> s.layout().isCanonical()).toList();
    if (!canonical.isEmpty()) {
      groups.add(canonical);
    }
    sources.stream().filter(s -> !s.layout().isCanonical()).forEach(s -> groups.add(List.of(s)));
    Dataset<Row> all = null;
    for (List<SourceFiles> group : groups) {
      Dataset<Row> raw = group.stream()
          .map(s -> RawReader.read(spark, s, settings.priorityOf(s.name(), s.kind().isEvents())))
          .reduce(Dataset::unionByName).get();
      SourceLayout layout = group.get(0).layout();
      Dataset<Row> validated = layout.kind().isEvents()
          ? RowValidation.validateEvents(raw, countries.zoneByAlpha2(), limits)
          : RowValidation.validateCounts(raw, List.copyOf(countries.zoneByAlpha2().keySet()), limits);
      Dataset<Row> withRecord = validated.withColumn(RECORD, when(col(RowValidation.REASON).isNotNull(),
          to_json(layout.rawRecord(), java.util.Map.of("ignoreNullFields", "false"))));
      if (!layout.isCanonical()) {
        withRecord = withRecord.drop(SourceLayout.RAW);
      }
      all = all == null ? withRecord : all.unionByName(withRecord);
    }
    return all;
  }

  /** A file's path without scheme or encoding: Spark reports it as a URI, the footer check as a Hadoop path. */
  static String filePath(String pathOrUri) {
    try {
      return new org.apache.hadoop.fs.Path(new java.net.URI(pathOrUri)).toUri().getPath();
    } catch (java.net.URISyntaxException e) {
      return new org.apache.hadoop.fs.Path(pathOrUri).toUri().getPath();
    }
  }

  private static List<SourceFiles> ofKind(List<SourceFiles> sources, SourceKind kind) {
    return sources.stream().filter(s -> s.kind() == kind).toList();
  }

  /** Frees what this stage persisted; call when the run's tables are written. */
  public void release() {
    cache.release();
  }

  /** Accepted, rejected and duplicate rows per source (source names are unique across kinds). */
  private static Map<String, long[]> statusCounts(Dataset<Row> perSource) {
    Map<String, long[]> out = new HashMap<>();
    for (Row r : perSource.collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
    }
    return out;
  }

  private static Map<String, long[]> setAsideCounts(Dataset<Row> marked) {
    Map<String, long[]> out = new HashMap<>();
    for (Row r : marked.where(col(SourcePrecedence.COUNTED).unary_$bang())
        .groupBy(RawReader.SOURCE).agg(count(lit(1)), sum(col("crossings"))).collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)});
    }
    return out;
  }

  /** Rejected rows with their file, reason and the raw row as JSON, nulls kept, so an operator sees what arrived. */
  static Dataset<Row> rejectedRecords(Dataset<Row> rejectedRows, SourceKind kind) {
    return rejectedRows.select(col(RawReader.SOURCE).as("source"), lit(kind.folder()).as("kind"),
        col(RawReader.INPUT_FILE).as("input_file"), col(RowValidation.REASON).as("reason"),
        col(RECORD).as("record"));
  }
}
