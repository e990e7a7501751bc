package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.borderflow.common.RunCache;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PersonsSettings;
import org.borderflow.config.PipelineSettings;
import org.borderflow.estimate.ExodusContext;
import org.borderflow.estimate.ExodusEstimator;
import org.borderflow.estimate.MirrorStatistics;
import org.borderflow.ingest.ByTraveller;
import org.borderflow.ingest.EventHorizon;
import org.borderflow.ingest.EventState;
import org.borderflow.ingest.IncrementalIngest;
import org.borderflow.ingest.Ingest;
import org.borderflow.ingest.IngestResult;
import org.borderflow.ingest.SourceAccount;
import org.borderflow.ingest.SourceFiles;
import org.borderflow.ingest.SourceKind;
import org.borderflow.ingest.SourcePrecedence;
import org.borderflow.ingest.SourceReconciliation;
import org.borderflow.persons.CohortFollowUp;
import org.borderflow.persons.ExodusByGroup;
import org.borderflow.persons.ExodusCohorts;
import org.borderflow.persons.WeeklyPersons;
import org.borderflow.publish.PublishFaults;
import org.borderflow.publish.RunManifest;
import org.borderflow.publish.TablePublisher;
import org.borderflow.quality.QualityStage;
import org.borderflow.weekly.CrossingsDaily;
import org.borderflow.weekly.NetRemainingWeekly;

/** One run of the pipeline: the stages in order, a summary line each, the manifest last. */
public final class PipelineRun {

  private static final Logger LOG = LogManager.getLogger(PipelineRun.class);

  public static final String CROSSINGS_DAILY = "crossings_daily";
  public static final String NET_REMAINING_WEEKLY = "net_remaining_weekly";
  public static final String EXODUS_ESTIMATES = "exodus_estimates";
  public static final String EXODUS_CONTEXT = "exodus_context";
  public static final String REJECTED_RECORDS = "rejected_records";
  public static final String SOURCE_RECONCILIATION = "source_reconciliation";
  public static final String EXODUS_COHORTS = "exodus_cohorts";
  public static final String EXODUS_BY_GROUP = "exodus_by_group";
  public static final String EXODUS_SENSITIVITY = "exodus_sensitivity";
  public static final String MIRROR_STATISTICS = "mirror_statistics";
  public static final String QUALITY_CHECKS = QualityStage.TABLE;
  /** Every table a run publishes, in the order it writes them. */
  public static final List<String> TABLES = List.of(CROSSINGS_DAILY, REJECTED_RECORDS, SOURCE_RECONCILIATION,
      EXODUS_COHORTS, EXODUS_BY_GROUP, NET_REMAINING_WEEKLY, EXODUS_ESTIMATES, EXODUS_CONTEXT,
      EXODUS_SENSITIVITY, MIRROR_STATISTICS, QUALITY_CHECKS);

  /** The run's command-line parameters, as recorded in the manifest. */
  public record Parameters(String raw, String out, String confFile, LocalDate asOf, WeekRange weeks,
                           List<String> overrides, boolean incremental, boolean rebuildState) {

    public Parameters(String raw, String out, String confFile, LocalDate asOf, WeekRange weeks,
                      List<String> overrides) {
      this(raw, out, confFile, asOf, weeks, overrides, false, false);
    }
  }

  private final SparkSession spark;
  private final PipelineSettings settings;
  private final String effectiveConfig;
  private final Parameters parameters;
  private final Configuration hadoop;
  private final String runId;
  private final Instant startedAt = Instant.now();
  private final RunCache cache = new RunCache();

  public PipelineRun(SparkSession spark, PipelineSettings settings, String effectiveConfig, Parameters parameters) {
    this.spark = spark;
    this.settings = settings;
    this.effectiveConfig = effectiveConfig;
    this.parameters = parameters;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(startedAt)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String runId() {
    return runId;
  }

  /** Runs every stage; on failure the manifest says FAILED, the staging is dropped and the error rethrown. */
  public RunManifest execute() throws IOException {
    Path out = new Path(parameters.out());
    RunManifest manifest = new RunManifest(runId, startedAt)
        .parameters(parametersMap())
        .versions(Borderflow.codeVersion(), spark.version(), spark.sparkContext().master());
    manifest.configuration(effectiveConfig);
    LOG.info("run {}: raw={} out={} as-of={} master={} (Spark UI: {})", runId, parameters.raw(), parameters.out(),
        parameters.asOf(), spark.sparkContext().master(),
        spark.sparkContext().uiWebUrl().isDefined() ? spark.sparkContext().uiWebUrl().get() : "disabled");
    LOG.info("effective configuration:\n{}", effectiveConfig);
    TablePublisher publisher = null;
    Ingest ingest = null;
    try {
      TablePublisher.recover(out, hadoop);
      publisher = new TablePublisher(out, runId, settings.compression(), hadoop);

      Instant t = Instant.now();
      CountryTable countries = CountryTable.load(settings.countriesFile());
      String configuration = IncrementalState.fingerprint(effectiveConfig);
      // Read before the listing: the files a usable state consumed, unchanged in size and time, keep its footer facts.
      IncrementalState.Meta state = parameters.incremental() ? IncrementalState.read(out, hadoop) : null;
      List<SourceFiles> sources = Sources.discover(parameters.raw(), hadoop, settings, countries,
          parameters.incremental() ? IncrementalState.known(state, Borderflow.codeVersion(), configuration,
              parameters.asOf(), parameters.rebuildState()) : Map.of());
      manifest.inputs(sources);
      long rawRows = sources.stream().mapToLong(SourceFiles::rows).sum();
      stageLine("discover", t, sources.stream().mapToLong(s -> s.files().size()).sum() + " files", rawRows + " rows");

      IncrementalState.Decision decision = null;
      if (parameters.incremental()) {
        decision = IncrementalState.decide(state, sources, Borderflow.codeVersion(), configuration,
            parameters.asOf(), parameters.rebuildState());
      }

      t = Instant.now();
      ingest = new Ingest(spark, settings, countries, parameters.asOf());
      List<ByTraveller.CohortWindow> windows = CohortFollowUp.cohortWindows(settings.events());
      IngestResult ingested;
      List<LocalDate> changedDays = null;
      // One increment for the lateness check and the run: the new files are validated once for both.
      IncrementalIngest increment = new IncrementalIngest(ingest);
      if (decision != null && decision.incremental()) {
        LocalDate horizon = decision.previous().horizonStart();
        Map<String, LocalDate> late = increment.lateFiles(decision.fresh(), horizon);
        if (!late.isEmpty()) {
          decision = decision.full("late delivery: " + late.entrySet().stream().map(e -> e.getKey() + " holds "
              + e.getValue()).sorted().toList() + ", before the state's horizon, which starts on " + horizon
              + " (the Monday on or before borderflow.incremental.lateness-horizon-days = "
              + settings.latenessHorizonDays() + " days before its last day)");
        }
      }
      if (decision != null) {
        LOG.info("incremental: {} ({})", decision.incremental() ? "increment of " + decision.freshFiles()
            + " new files" : "FULL RECOMPUTE", decision.reason());
      }
      // A full run's horizon starts from the as-of date's when it keeps no event.
      EventState eventState = decision == null ? null : new EventState(
          publisher.stagedPath(IncrementalState.SCRATCH).toString(), settings.compression(), decision.ledger(),
          settings.latenessHorizonDays(), decision.incremental()
              ? (int) decision.previous().horizonStart().toEpochDay() : ByTraveller.NO_HORIZON,
          EventHorizon.start(parameters.asOf(), settings.latenessHorizonDays()));
      IncrementalIngest.Previous previousState = null;
      if (decision != null && decision.incremental()) {
        previousState = IncrementalState.previous(spark, out, decision.previous());
        IncrementalIngest.Increment added = increment.run(sources, decision.fresh(), previousState, windows,
            eventState);
        ingested = added.result();
        changedDays = added.changedDays();
      } else {
        ingested = ingest.run(sources, windows, eventState);
      }
      manifest.accounts(ingested.accounts());
      requireBalanced(ingested.accounts());
      long accepted = ingested.accounts().stream().mapToLong(SourceAccount::accepted).sum();
      long rejected = ingested.accounts().stream().mapToLong(SourceAccount::rejected).sum();
      long duplicates = ingested.accounts().stream().mapToLong(SourceAccount::duplicates).sum();
      stageLine("ingest", t, (decision != null && decision.incremental() ? decision.freshFiles() + " new files"
          : rawRows + " rows"), accepted + " accepted, " + rejected + " rejected, " + duplicates + " duplicates");

      t = Instant.now();
      // Origin-side counts are not crossings into a destination: they only feed mirror_statistics.
      Dataset<Row> crossingsDaily = CrossingsDaily.build(MirrorStatistics.destinationSide(ingested.markedDaily(),
          settings.originSideSources()).where(col(SourcePrecedence.COUNTED)), settings.persons().minCellPersons());
      long dailyRows;
      Dataset<Row> allDaily;
      List<String> weeksRewritten = null;
      Long wholeDailyRows = null;
      if (parameters.weeks() == null && changedDays == null) {
        dailyRows = publisher.stage(CROSSINGS_DAILY, crossingsDaily, "week_start");
        allDaily = crossingsDaily;
      } else {
        List<LocalDate> mondays = changedDays == null ? parameters.weeks().mondays()
            : changedDays.stream().map(WeekRange::mondayOf).distinct().sorted().toList();
        weeksRewritten = mondays.stream().map(LocalDate::toString).toList();
        Column inRange = mondays.isEmpty() ? lit(false)
            : col("week_start").isin(mondays.stream().map(Date::valueOf).toArray());
        Dataset<Row> recomputed = crossingsDaily.where(inRange);
        // An increment that changed no day leaves crossings_daily as it is.
        dailyRows = mondays.isEmpty() ? 0 : publisher.stagePartitions(CROSSINGS_DAILY, recomputed, "week_start",
            weeksRewritten);
        allDaily = PublishedTable.read(spark, publisher.tablePath(CROSSINGS_DAILY), crossingsDaily.schema())
            .where(inRange.unary_$bang()).unionByName(recomputed);
        if (changedDays != null) {
          // The manifest of an increment gives the rows of the whole table, as a full run's does.
          wholeDailyRows = allDaily.count();
        }
      }
      long rejectedRows = publisher.stage(REJECTED_RECORDS, ingested.rejectedRecords(), "source");
      long reconciliationRows = publisher.stage(SOURCE_RECONCILIATION,
          SourceReconciliation.build(ingested.markedDaily()));
      stageLine("daily", t, accepted + " accepted rows", dailyRows + " crossings_daily rows, " + rejectedRows
          + " rejected_records rows, " + reconciliationRows + " source_reconciliation rows");

      t = Instant.now();
      PersonsSettings persons = settings.persons();
      long acceptedEvents = ingested.accounts().stream()
          .filter(a -> a.kind().equals(SourceKind.CROSSING_EVENTS.folder())).mapToLong(SourceAccount::accepted).sum();
      // A full run over count sources alone has no traveller rows: the person-level tables and the persons per
      // week are then empty, staged from their schemas rather than planned and run as some thirty jobs over no rows.
      boolean noTravellers = changedDays == null && ingested.travellerPass().isEmpty();
      // Read once, when the weekly table collects it.
      Dataset<Row> personWeeks = noTravellers ? emptyLike(WeeklyPersons.of(ingested.travellerPass()))
          : WeeklyPersons.of(ingested.travellerPass());
      // The daily rows hold every accepted event's source, country and date: the last date is read from them.
      Dataset<Row> followUpPlan = CohortFollowUp.of(ingested.travellerPass(),
          CohortFollowUp.dataEnd(ingested.markedDaily()), settings.events());
      // The cohort tables collect their counts from it at once; over no rows Spark folds that collect to nothing.
      Dataset<Row> followUp = noTravellers ? emptyLike(followUpPlan) : cached(followUpPlan);
      long cohortRows = publisher.stage(EXODUS_COHORTS, ExodusCohorts.build(followUp, persons.horizonsDays(),
          settings.intervalCoverage(), persons.minCellPersons()));
      long groupRows = publisher.stage(EXODUS_BY_GROUP, ExodusByGroup.build(followUp, persons.horizonsDays(),
          settings.intervalCoverage(), persons.minCellPersons()));
      followUp.unpersist();
      stageLine("persons", t, acceptedEvents + " accepted events", cohortRows + " exodus_cohorts rows, " + groupRows
          + " exodus_by_group rows");

      t = Instant.now();
      // A local relation: the estimate and quality stages read it without recomputing anything.
      Dataset<Row> weekly = WeeklyPersons.withPersons(NetRemainingWeekly.build(allDaily), personWeeks,
          persons.minCellPersons());
      long weeklyRows = publisher.stage(NET_REMAINING_WEEKLY, weekly, "citizenship");
      stageLine("weekly", t, dailyRows + " daily rows", weeklyRows + " net_remaining_weekly rows");

      t = Instant.now();
      // A few dozen rows computed on the driver: a local relation, nothing to cache.
      Dataset<Row> sensitivity = ExodusEstimator.sensitivity(weekly, settings.events(), settings.intervalCoverage());
      Dataset<Row> estimates = ExodusEstimator.primary(sensitivity, settings.events());
      long estimateRows = publisher.stage(EXODUS_ESTIMATES, estimates);
      long sensitivityRows = publisher.stage(EXODUS_SENSITIVITY, sensitivity);
      long mirrorRows = publisher.stage(MIRROR_STATISTICS, MirrorStatistics.build(MirrorStatistics.originSide(
          ingested.markedDaily(), settings.originSideSources()), allDaily, settings.events()));
      long contextRows = publisher.stage(EXODUS_CONTEXT, ExodusContext.build(estimates, settings.context()));
      List<Map<String, Object>> headline = Headline.of(estimates);
      stageLine("estimate", t, weeklyRows + " weekly rows", estimateRows + " exodus_estimates rows, " + contextRows
          + " exodus_context rows, " + sensitivityRows + " exodus_sensitivity rows, " + mirrorRows
          + " mirror_statistics rows");

      t = Instant.now();
      // Checked before the swap, so that a run failing on a finding (--fail-on) publishes nothing new.
      QualityStage.Outcome quality = QualityStage.run(effectiveConfig, publisher, weekly, allDaily,
          SOURCE_RECONCILIATION);
      manifest.quality(quality.summary());
      stageLine("quality", t, weeklyRows + " weekly rows", quality.line());
      quality.enforce();

      if (decision != null) {
        t = Instant.now();
        IncrementalState.writeSummary(publisher.stagedPath(IncrementalState.SUMMARY), hadoop,
            settings.compression(), runId, Borderflow.codeVersion(), configuration, parameters.asOf(),
            LocalDate.ofEpochDay(eventState.horizonDay()),
            decision.incremental() ? ingested.travellerPass() : IncrementalIngest.summed(ingested.travellerPass()),
            ingested.acceptedCounts(), ingested.rejectedRecords(), ingested.markedDaily(), sources,
            decision.ledger(), ingested.accounts());
        publisher.stageDirectory(IncrementalState.SUMMARY, null);
        boolean horizonMoved = decision.incremental()
            && eventState.horizonDay() > decision.previous().horizonStart().toEpochDay();
        stageStateEvents(publisher, decision, previousState, eventState, increment, ingested, sources, windows,
            horizonMoved);
        manifest.incremental(incrementalSection(decision, weeksRewritten, eventState.horizonDay(), horizonMoved));
        stageLine("state", t, decision.incremental() ? "increment" : "full recompute", "state version " + runId);
      }

      t = Instant.now();
      // Readers trust the newest manifest: while tables are being swapped it must not be the previous run's.
      TablePublisher finalPublisher = publisher;
      Map<String, Long> tableRows = new LinkedHashMap<>();
      if (wholeDailyRows != null) {
        tableRows.put(CROSSINGS_DAILY, wholeDailyRows);
      }
      publisher.stagedRows().forEach(tableRows::putIfAbsent);
      manifest.tables(tableRows, table -> finalPublisher.tablePath(table).toString());
      manifest.headline(headline);
      manifest.finish(RunManifest.PUBLISHING, Instant.now(), null);
      manifest.write(out, hadoop);
      publisher.publish();
      stageLine("publish", t, publisher.stagedRows().size() + " staged tables", "published to " + out);

      manifest.finish(RunManifest.SUCCEEDED, Instant.now(), null);
      PublishFaults.maybeDie("before-manifest");
      Path written = manifest.write(out, hadoop);
      Headline.log(headline, out, written);
      return manifest;
    } catch (RuntimeException | IOException e) {
      if (publisher != null) {
        publisher.abandon();
      }
      manifest.finish(RunManifest.FAILED, Instant.now(), e.getMessage());
      try {
        manifest.write(out, hadoop);
      } catch (IOException | RuntimeException writeError) {
        LOG.error("could not write the manifest of failed run {}: {}", runId, writeError.getMessage());
      }
      LOG.error("run {} FAILED: {}", runId, e.getMessage());
      throw e;
    } finally {
      if (ingest != null) {
        ingest.release();
      }
      cache.release();
    }
  }

  /**
   * Stages the state's events ({@link EventHorizon}). A full run keeps, of the compact events it wrote, those
   * inside the horizon with the carries its pass emitted, and the fingerprints of the others. An increment whose
   * horizon stayed adds its new events as a batch. One whose horizon moved walks the events that fell out of it,
   * with the earlier carries, for the new carries, and adds their fingerprints.
   */
  private void stageStateEvents(TablePublisher publisher, IncrementalState.Decision decision,
                                IncrementalIngest.Previous previous, EventState eventState,
                                IncrementalIngest increment, IngestResult ingested,
                                List<SourceFiles> sources, List<ByTraveller.CohortWindow> windows,
                                boolean horizonMoved) throws IOException {
    int horizon = eventState.horizonDay();
    boolean wrote = IncrementalState.hasData(new Path(eventState.target()), hadoop);
    // Read only where the state is chosen from them; otherwise their files become the batch as they are.
    Dataset<Row> written = wrote && (horizonMoved || !decision.incremental())
        ? spark.read().parquet(eventState.target()) : null;
    if (!decision.incremental()) {
      IncrementalState.stageEvents(publisher, hadoop, settings.compression(), runId, written == null ? null
              : EventHorizon.state(written, ingested.travellerPass(), horizon),
          true, written == null ? null : EventHorizon.fingerprints(written, Integer.MIN_VALUE, horizon), true);
    } else if (!horizonMoved) {
      if (wrote) {
        // Written once: the new events' files become the batch as they are.
        Path batch = new Path(publisher.stagedPath(IncrementalState.EVENTS), "batch=" + runId);
        batch.getFileSystem(hadoop).mkdirs(batch.getParent());
        if (!batch.getFileSystem(hadoop).rename(new Path(eventState.target()), batch)) {
          throw new IOException("could not move " + eventState.target() + " to " + batch);
        }
      }
      IncrementalState.stageEvents(publisher, hadoop, settings.compression(), runId, null, false, null, false);
    } else {
      Dataset<Row> events = Stream.of(previous.events(), written).filter(d -> d != null)
          .map(d -> d.select(EventHorizon.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new)))
          .reduce(Dataset::unionByName).orElse(null);
      IncrementalState.stageEvents(publisher, hadoop, settings.compression(), runId, events == null ? null
              : increment.stateEvents(events, sources, windows, horizon), true,
          events == null ? null : EventHorizon.fingerprints(events, previous.horizonDay(), horizon), false);
    }
  }

  private Map<String, Object> incrementalSection(IncrementalState.Decision decision, List<String> weeksRewritten,
                                                 int horizonDay, boolean horizonMoved) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", decision.incremental() ? "incremental" : "full");
    m.put("reason", decision.reason());
    m.put("horizon_start", LocalDate.ofEpochDay(horizonDay).toString());
    m.put("horizon_moved", decision.incremental() ? horizonMoved : null);
    m.put("previous_state_version", decision.previous() == null ? null : decision.previous().version());
    m.put("state_version", runId);
    m.put("files_read", decision.incremental() ? decision.fresh().stream().flatMap(s -> s.files().stream())
        .map(f -> f.path()).toList() : "all");
    m.put("crossings_daily_weeks_rewritten", weeksRewritten == null ? "all" : weeksRewritten);
    return m;
  }

  private Dataset<Row> cached(Dataset<Row> df) {
    return cache.persist(df);
  }

  /** No rows, with the columns of {@code df}: Spark analyses {@code df}, it runs nothing. */
  private Dataset<Row> emptyLike(Dataset<Row> df) {
    return spark.createDataFrame(List.of(), df.schema());
  }

  private static void requireBalanced(List<SourceAccount> accounts) {
    List<String> broken = new ArrayList<>();
    for (SourceAccount a : accounts) {
      if (!a.balanced()) {
        broken.add(a.source() + " (read " + a.read() + " != accepted " + a.accepted() + " + rejected " + a.rejected()
            + " + duplicates " + a.duplicates() + ")");
      }
    }
    if (!broken.isEmpty()) {
      throw new IllegalStateException("row accounting does not add up, nothing published: " + broken);
    }
  }

  private static void stageLine(String stage, Instant started, String in, String out) {
    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    LOG.info(String.format("stage %-9s in: %s | out: %s | %.1f s", stage, in, out, seconds));
  }

  private Map<String, Object> parametersMap() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("raw", parameters.raw());
    p.put("out", parameters.out());
    p.put("conf", parameters.confFile());
    p.put("as_of", parameters.asOf().toString());
    if (parameters.weeks() != null) {
      p.put("from", parameters.weeks().from().toString());
      p.put("to", parameters.weeks().to().toString());
      p.put("weeks_recomputed", parameters.weeks().mondays().stream().map(LocalDate::toString).toList());
    }
    if (parameters.incremental()) {
      p.put("incremental", true);
      p.put("rebuild_state", parameters.rebuildState());
    }
    p.put("overrides", parameters.overrides());
    return p;
  }
}
