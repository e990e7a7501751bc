package org.borderflow.ingest;

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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
import org.borderflow.common.RunCache;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;

/**
 * Raw files to daily rows: read with the canonical schema, validate, resolve duplicates, aggregate events to
 * days and apply source precedence. Each kind's raw data is scanned once: the classified rows are persisted and
 * feed the accounting, the rejected records and the daily rows.
 */
public final class Ingest {

  private static final Logger LOG = LogManager.getLogger(Ingest.class);
  /** The accepted events handed to the person-level stage: canonical columns, source, priority, local date. */
  static final String[] ACCEPTED_EVENT_COLUMNS = java.util.stream.Stream.concat(
      java.util.Arrays.stream(SourceKind.CROSSING_EVENTS.schema().fieldNames()),
      java.util.stream.Stream.of(RawReader.SOURCE, RawReader.PRIORITY, RowValidation.DATE)).toArray(String[]::new);
  public static final String[] REJECTED_COLUMNS = {"source", "kind", "input_file", "reason", "record"};

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

  public IngestResult run(List<SourceFiles> sources) {
    Dataset<Row> daily = null;
    Dataset<Row> rejected = null;
    Dataset<Row> acceptedEvents = null;
    Map<String, long[]> statusCounts = new HashMap<>();
    // One source at a time: duplicates are resolved within a source, and a declared source's raw row has a shape
    // of its own until it is written as JSON.
    for (SourceFiles source : sources) {
      SourceKind kind = source.kind();
      Dataset<Row> raw = RawReader.read(spark, source, settings.priorityOf(source.name(), kind.isEvents()));
      Dataset<Row> classified = persist(kind.isEvents()
          ? Deduplication.classifyEvents(RowValidation.validateEvents(raw, countries.zoneByAlpha2(), limits))
          : Deduplication.classifyCounts(RowValidation.validateCounts(raw,
              List.copyOf(countries.zoneByAlpha2().keySet()), limits)));
      statusCounts.putAll(statusCounts(classified));
      Dataset<Row> accepted = classified.where(col(Deduplication.STATUS).equalTo(Deduplication.ACCEPTED));
      if (kind.isEvents()) {
        Dataset<Row> events = Columns.select(accepted, ACCEPTED_EVENT_COLUMNS);
        acceptedEvents = acceptedEvents == null ? events : acceptedEvents.unionByName(events);
      }
      Dataset<Row> sourceDaily = kind.isEvents() ? DailyRows.fromEvents(accepted) : DailyRows.fromCounts(accepted);
      Dataset<Row> sourceRejected = rejectedRecords(classified, source.layout());
      daily = daily == null ? sourceDaily : daily.unionByName(sourceDaily);
      rejected = rejected == null ? sourceRejected : rejected.unionByName(sourceRejected);
    }
    Dataset<Row> marked = cache.checkpoint(SourcePrecedence.mark(daily));
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
      // No event source: the person-level stage gets no rows, with the columns it expects.
      StructType schema = SourceKind.CROSSING_EVENTS.schema()
          .add(RawReader.SOURCE, DataTypes.StringType)
          .add(RawReader.PRIORITY, DataTypes.IntegerType)
          .add(RowValidation.DATE, DataTypes.DateType);
      acceptedEvents = spark.createDataFrame(List.of(), schema);
    }
    return new IngestResult(marked, rejected, accounts, acceptedEvents);
  }

  /** Frees what this stage persisted; call when the run's tables are written. */
  public void release() {
    cache.release();
  }

  private Dataset<Row> persist(Dataset<Row> df) {
    return cache.persist(df);
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
  static Dataset<Row> rejectedRecords(Dataset<Row> classified, SourceLayout layout) {
    return classified.where(col(Deduplication.STATUS).equalTo(Deduplication.REJECTED))
        .select(col(RawReader.SOURCE).as("source"), lit(layout.kind().folder()).as("kind"),
            col(RawReader.INPUT_FILE).as("input_file"), col(RowValidation.REASON).as("reason"),
            to_json(layout.rawRecord(), java.util.Map.of("ignoreNullFields", "false")).as("record"));
  }
}
