package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
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
import org.apache.spark.storage.StorageLevel;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;

/**
 * Raw files to daily rows: read with the canonical schema, validate, resolve duplicates, aggregate events to
 * days and apply source precedence. Each kind's raw data is scanned once: the classified rows are persisted and
 * feed the accounting, the rejected records and the daily rows.
 */
public final class Ingest {

  private static final Logger LOG = LogManager.getLogger(Ingest.class);
  public static final String[] REJECTED_COLUMNS = {"source", "kind", "input_file", "reason", "record"};

  private final SparkSession spark;
  private final PipelineSettings settings;
  private final CountryTable countries;
  private final RowValidation.Limits limits;
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  public Ingest(SparkSession spark, PipelineSettings settings, CountryTable countries, java.time.LocalDate asOf) {
    this.spark = spark;
    this.settings = settings;
    this.countries = countries;
    this.limits = new RowValidation.Limits(settings.minDate(), asOf, settings.maxCrossingsPerRow());
  }

  public IngestResult run(List<SourceFiles> sources) {
    Dataset<Row> daily = null;
    Dataset<Row> rejected = null;
    Dataset<Row> acceptedEvents = null;
    Map<String, long[]> statusCounts = new HashMap<>();
    for (SourceKind kind : SourceKind.values()) {
      List<SourceFiles> ofKind = sources.stream().filter(s -> s.kind() == kind).toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      Dataset<Row> raw = RawReader.readAll(spark, ofKind, s -> settings.priorityOf(s.name(), kind.isEvents()));
      Dataset<Row> classified = kind.isEvents()
          ? Deduplication.classifyEvents(RowValidation.validateEvents(raw, countries.zoneByAlpha2(), limits))
          : Deduplication.classifyCounts(RowValidation.validateCounts(raw,
              List.copyOf(countries.zoneByAlpha2().keySet()), limits));
      classified = persist(classified);
      statusCounts.putAll(statusCounts(classified));
      Dataset<Row> accepted = classified.where(col(Deduplication.STATUS).equalTo(Deduplication.ACCEPTED));
      if (kind.isEvents()) {
        acceptedEvents = accepted;
      }
      Dataset<Row> kindDaily = kind.isEvents() ? DailyRows.fromEvents(accepted) : DailyRows.fromCounts(accepted);
      Dataset<Row> kindRejected = rejectedRecords(classified, kind);
      daily = daily == null ? kindDaily : daily.unionByName(kindDaily);
      rejected = rejected == null ? kindRejected : rejected.unionByName(kindRejected);
    }
    Dataset<Row> marked = persist(SourcePrecedence.mark(daily));
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
    if (acceptedEvents == null) {
      // No event source: the same chain over no rows gives the person-level stage empty input of the right schema.
      acceptedEvents = Deduplication.classifyEvents(RowValidation.validateEvents(
              RawReader.empty(spark, SourceKind.CROSSING_EVENTS), countries.zoneByAlpha2(), limits))
          .where(col(Deduplication.STATUS).equalTo(Deduplication.ACCEPTED));
    }
    return new IngestResult(marked, rejected, accounts, acceptedEvents);
  }

  /** Frees what this stage persisted; call when the run's tables are written. */
  public void release() {
    persisted.forEach(Dataset::unpersist);
    persisted.clear();
  }

  private Dataset<Row> persist(Dataset<Row> df) {
    Dataset<Row> p = df.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(p);
    return p;
  }

  /** Accepted, rejected and duplicate rows per source (source names are unique across kinds). */
  private static Map<String, long[]> statusCounts(Dataset<Row> classified) {
    Column status = col(Deduplication.STATUS);
    Map<String, long[]> out = new HashMap<>();
    for (Row r : classified.groupBy(RawReader.SOURCE)
        .agg(sum(when(status.equalTo(Deduplication.ACCEPTED), 1L).otherwise(0L)),
            sum(when(status.equalTo(Deduplication.REJECTED), 1L).otherwise(0L)),
            sum(when(status.equalTo(Deduplication.DUPLICATE), 1L).otherwise(0L)))
        .collectAsList()) {
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

  /** The raw row as JSON, nulls kept, so an operator sees exactly what arrived. */
  static Dataset<Row> rejectedRecords(Dataset<Row> classified, SourceKind kind) {
    Column[] raw = java.util.Arrays.stream(kind.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    return classified.where(col(Deduplication.STATUS).equalTo(Deduplication.REJECTED))
        .select(col(RawReader.SOURCE).as("source"), lit(kind.folder()).as("kind"),
            col(RawReader.INPUT_FILE).as("input_file"), col(RowValidation.REASON).as("reason"),
            to_json(struct(raw), java.util.Map.of("ignoreNullFields", "false")).as("record"));
  }
}
