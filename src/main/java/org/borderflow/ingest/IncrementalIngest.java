package org.borderflow.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An increment of the ingest: the new files of a landing zone added to what the state of the previous run holds,
 * giving the same daily rows, pass output, rejected records and accounts as {@link Ingest#run} over every file.
 *
 * <p>What the pass sums (day rows, weeks, status counts) is a sum over travellers, and a cohort row belongs to one
 * traveller. For the travellers {@code T} that the new files touch, the sums become
 * {@code state - walk(T's earlier events) + walk(T's earlier and new events)}, and T's cohort rows are replaced
 * by those of the second walk but where the entry lies before the state's horizon ({@link #cohorts}). T's earlier
 * events are those the state keeps ({@link EventHorizon}): inside the horizon, and T's carry. Count rows are few:
 * the accepted ones are kept in the state and the new rows are classified with them, the later file winning as in
 * a full run.
 */
public final class IncrementalIngest {

  private static final Logger LOG = LogManager.getLogger(IncrementalIngest.class);

  /** The columns of an accepted daily-counts row that the state keeps: what precedence and duplicates need. */
  public static final List<String> COUNT_COLUMNS = List.of(RawReader.SOURCE, RawReader.PRIORITY,
      RawReader.INPUT_FILE, RawReader.ROW_INDEX, RowValidation.REASON, "date", "reporting_country", "crossing_point",
      "border_type", "citizenship", "direction", DailyRows.COUNTERPART, "crossings");
  private static final String[] SUMS = {"n1", "n2", "n3"};

  /**
   * What the previous run left: its state events ({@link EventHorizon#kept} and {@link EventHorizon#carries}), the
   * fingerprints of the older event ids ({@link EventHorizon#fingerprints}) and the horizon's first day, its summed
   * pass ({@link #summed}), its
   * accepted count rows ({@link #COUNT_COLUMNS}), its rejected records, the status counts of its count sources
   * (accepted, rejected, duplicates) and its ledger's file paths by index. {@code events} and {@code counts} are null
   * when the previous runs had no source of that kind.
   */
  public record Previous(Dataset<Row> events, Dataset<Row> fingerprints, int horizonDay, Dataset<Row> pass,
                         Dataset<Row> counts, Dataset<Row> rejected, Map<String, long[]> countStatus,
                         Map<Integer, String> files) {}

  /** The ingest's result over every file, and the days whose daily rows the new files changed. */
  public record Increment(IngestResult result, List<LocalDate> changedDays) {}

  private final Ingest ingest;
  /** The new files' validated rows by kind, persisted: read once for the lateness check and the increment. */
  private final Map<SourceKind, Dataset<Row>> validated = new HashMap<>();

  public IncrementalIngest(Ingest ingest) {
    this.ingest = ingest;
  }

  private Dataset<Row> validated(List<SourceFiles> ofKind, SourceKind kind) {
    return validated.computeIfAbsent(kind, k -> ingest.cache().persist(ingest.validated(ofKind)));
  }

  /** The pass's sums, one row per key, and its cohort rows: what the state keeps of it (rejected rows apart). */
  public static Dataset<Row> summed(Dataset<Row> pass) {
    List<Column> key = Arrays.stream(ByTraveller.SCHEMA.fieldNames())
        .filter(c -> !Arrays.asList(SUMS).contains(c)).map(c -> col(c)).toList();
    Column kind = col(ByTraveller.KIND);
    Dataset<Row> sums = pass.where(kind.isin(ByTraveller.Kind.DAY.ordinal(), ByTraveller.Kind.WEEK.ordinal(),
            ByTraveller.Kind.STATUS.ordinal()))
        .groupBy(key.toArray(Column[]::new))
        .agg(sum("n1").as("n1"), sum("n2").as("n2"), sum("n3").as("n3"))
        // A key whose contributions cancel out does not exist in a full run: every row there has a count above 0.
        .where(col("n1").notEqual(0).or(col("n2").notEqual(0)).or(col("n3").notEqual(0)))
        .select(columns(ByTraveller.SCHEMA));
    return sums.unionByName(ByTraveller.ofKind(pass, ByTraveller.Kind.COHORT));
  }

  /**
   * The first day of each new file's accepted rows that lies before {@code horizonStart}, by file: a delivery later
   * than the lateness horizon. Reads only the new files, and keeps their validated rows for {@link #run}.
   */
  public Map<String, LocalDate> lateFiles(List<SourceFiles> fresh, LocalDate horizonStart) {
    Map<String, LocalDate> late = new HashMap<>();
    // Only events: the state keeps every accepted count row, so a count file restating any day is an increment.
    List<SourceFiles> events = ofKind(fresh, SourceKind.CROSSING_EVENTS);
    if (!events.isEmpty()) {
      for (Row r : validated(events, SourceKind.CROSSING_EVENTS).where(col(RowValidation.REASON).isNull())
          .groupBy(RawReader.INPUT_FILE).agg(min(col(RowValidation.DATE)).as("first_day"))
          .where(col("first_day").lt(lit(java.sql.Date.valueOf(horizonStart))))
          .collectAsList()) {
        late.put(r.getString(0), r.getDate(1).toLocalDate());
      }
    }
    return late;
  }

  /**
   * Adds the {@code fresh} files (sources with only their new files) to {@code previous}; {@code every} is the
   * whole landing zone, for the accounts and for the earlier files of repeated event ids. The new compact events
   * go to {@code newEvents}.
   */
  public Increment run(List<SourceFiles> every, List<SourceFiles> fresh, Previous previous,
                       List<ByTraveller.CohortWindow> cohortWindows, EventState newEvents) {
    Map<String, long[]> statusCounts = new HashMap<>();
    previous.countStatus().forEach((s, v) -> statusCounts.put(s, v.clone()));
    List<Dataset<Row>> rejected = new ArrayList<>(List.of(previous.rejected()));
    TreeSet<LocalDate> changed = new TreeSet<>();
    Dataset<Row> counts = previous.counts();
    List<SourceFiles> freshCounts = ofKind(fresh, SourceKind.DAILY_COUNTS);
    if (!freshCounts.isEmpty()) {
      Dataset<Row> validated = validated(freshCounts, SourceKind.DAILY_COUNTS);
      Dataset<Row> valid = validated.where(col(RowValidation.REASON).isNull()).select(columns(COUNT_COLUMNS));
      rejected.add(Ingest.rejectedRecords(validated.where(col(RowValidation.REASON).isNotNull()),
          SourceKind.DAILY_COUNTS));
      Dataset<Row> classified = ingest.cache().persist(Deduplication.classifyCounts(counts == null ? valid
          : counts.unionByName(valid)));
      counts = classified.where(col(Deduplication.STATUS).equalTo(Deduplication.ACCEPTED))
          .select(columns(COUNT_COLUMNS));
      Map<String, Long> before = previous.counts() == null ? Map.of() : perSource(previous.counts());
      Map<String, Long> after = perSource(counts);
      Map<String, Long> added = perSource(valid);
      Map<String, Long> refused = perSource(validated.where(col(RowValidation.REASON).isNotNull()));
      for (SourceFiles s : freshCounts) {
        long[] st = statusCounts.computeIfAbsent(s.name(), k -> new long[3]);
        long accepted = after.getOrDefault(s.name(), 0L);
        // Every valid row is accepted or the duplicate of an accepted one: what is no longer accepted was replaced.
        st[2] += before.getOrDefault(s.name(), 0L) + added.getOrDefault(s.name(), 0L) - accepted;
        st[1] += refused.getOrDefault(s.name(), 0L);
        st[0] = accepted;
      }
      valid.select(RowValidation.DATE).distinct().collectAsList().forEach(r -> changed.add(r.getDate(0)
          .toLocalDate()));
    }
    Dataset<Row> pass = previous.pass();
    List<SourceFiles> freshEvents = ofKind(fresh, SourceKind.CROSSING_EVENTS);
    if (!freshEvents.isEmpty()) {
      int partitions = ingest.partitions(freshEvents);
      ByTraveller.Setup setup = ingest.setup(ofKind(every, SourceKind.CROSSING_EVENTS), cohortWindows);
      // No earlier events when the first event source arrives after runs of count sources alone.
      Dataset<Row> earlier = previous.events() == null ? null : previous.events().where(ByTraveller.accepted());
      // A carry's id is among the fingerprints: the exact hashes are those of the events inside the horizon.
      Dataset<Row> earlierIds = earlier == null ? null : earlier.where(col(ByTraveller.ID_HASH).isNotNull())
          .select(col(ByTraveller.ID_HASH).as(Deduplication.ID_HASH), col(EventState.FILE))
          .join(broadcast(ledger(previous.files())), EventState.FILE)
          .select(Deduplication.ID_HASH, RawReader.INPUT_FILE);
      Dataset<Row> olderIds = previous.fingerprints() == null ? null : previous.fingerprints()
          .join(broadcast(ledger(previous.files())), EventState.FILE)
          .select(EventHorizon.FINGERPRINT, RawReader.INPUT_FILE);
      Dataset<Row> classified = ingest.classifiedEvents(freshEvents, partitions, earlierIds, olderIds, every,
          validated(freshEvents, SourceKind.CROSSING_EVENTS));
      Dataset<Row> added = newEvents.keep(ByTraveller.compact(classified, newEvents.fileIndex()));
      Dataset<Row> touched = ingest.cache().checkpoint(added.select(ByTraveller.K1).distinct());
      // Read once, into one walk of the change: their earlier events are not kept after it.
      Dataset<Row> theirs = earlier == null ? null
          : earlier.join(broadcast(touched), ByTraveller.K1, "left_semi");
      Dataset<Row> with = ingest.cache().checkpoint(theirs == null ? ByTraveller.walk(added, partitions, setup)
          : ByTraveller.change(theirs, added, partitions, setup));
      Dataset<Row> delta = summed(with);
      Column cohort = col(ByTraveller.KIND).equalTo(ByTraveller.Kind.COHORT.ordinal());
      pass = ingest.cache().checkpoint(summed(previous.pass().where(cohort.unary_$bang())
              .unionByName(delta.where(cohort.unary_$bang())))
          .unionByName(cohorts(previous.pass().where(cohort), ByTraveller.ofKind(with, ByTraveller.Kind.COHORT),
              touched, added, previous.horizonDay())));
      rejected.add(Ingest.rejectedRecords(ByTraveller.ofKind(with, ByTraveller.Kind.REJECTED),
          SourceKind.CROSSING_EVENTS));
      ByTraveller.ofKind(delta, ByTraveller.Kind.DAY).select(date_from_unix_date(col(ByTraveller.DAY))).distinct()
          .collectAsList().forEach(r -> changed.add(r.getDate(0).toLocalDate()));
      // The touched travellers are checkpointed, so counting them is cheap; their earlier events are not counted
      // again only for this line.
      LOG.info("increment: {} event files, {} travellers touched",
          freshEvents.stream().mapToLong(s -> s.files().size()).sum(), touched.count());
    }
    for (Row r : ByTraveller.ofKind(pass, ByTraveller.Kind.STATUS).groupBy(RawReader.SOURCE)
        .agg(sum("n1"), sum("n2"), sum("n3")).collectAsList()) {
      statusCounts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
    }
    IngestResult result = ingest.result(every, statusCounts, counts, pass,
        rejected.stream().reduce(Dataset::unionByName).get());
    return new Increment(result, List.copyOf(changed));
  }

  /**
   * The cohort rows after an increment: {@code earlier}'s rows of untouched travellers as they were, and for the
   * travellers {@code touched} by the {@code added} events, the rows of their walk ({@code walked}), except where
   * the cohort entry lies before the horizon: the walk saw only the traveller's carry of those days, so such a row
   * stays, with its next exit the earliest of the one it had and the traveller's first new accepted EXIT (every
   * new event lies after it).
   */
  static Dataset<Row> cohorts(Dataset<Row> earlier, Dataset<Row> walked, Dataset<Row> touched, Dataset<Row> added,
                              int horizonDay) {
    Dataset<Row> keys = broadcast(touched.withColumnRenamed(ByTraveller.K1, ByTraveller.TRAVELLER_KEY));
    String[] traveller = {ByTraveller.TRAVELLER_KEY};
    Dataset<Row> untouched = earlier.join(keys, traveller, "left_anti").select(columns(ByTraveller.SCHEMA));
    Dataset<Row> beforeHorizon = earlier.join(keys, traveller, "left_semi")
        .where(col(ByTraveller.DAY).lt(lit(horizonDay)));
    Dataset<Row> firstNewExit = added.where(ByTraveller.accepted()
            .and(col(TravellerWalk.SOURCE_FLAGS).bitwiseAND(lit(4L)).equalTo(lit(0L))))
        .groupBy(col(ByTraveller.K1).as(ByTraveller.TRAVELLER_KEY)).agg(min(EventHorizon.day()).as("first_new_exit"));
    Dataset<Row> kept = beforeHorizon.join(firstNewExit, traveller, "left")
        .withColumn(ByTraveller.NEXT_EXIT_DAY, least(col(ByTraveller.NEXT_EXIT_DAY), col("first_new_exit")))
        .select(columns(ByTraveller.SCHEMA));
    String[] cohortKey = {ByTraveller.TRAVELLER_KEY, ByTraveller.COHORT_WINDOW};
    return untouched.unionByName(kept)
        .unionByName(walked.join(beforeHorizon.select(ByTraveller.TRAVELLER_KEY, ByTraveller.COHORT_WINDOW),
            cohortKey, "left_anti").select(columns(ByTraveller.SCHEMA)));
  }

  /**
   * The state events once the horizon has moved to {@code horizonDay} ({@link EventHorizon#state}): {@code events}
   * (the earlier state events and the new ones) inside it, and the carries of a walk of those before it.
   */
  public Dataset<Row> stateEvents(Dataset<Row> events, List<SourceFiles> every,
                                  List<ByTraveller.CohortWindow> cohortWindows, int horizonDay) {
    List<SourceFiles> sources = ofKind(every, SourceKind.CROSSING_EVENTS);
    Dataset<Row> pass = ByTraveller.walk(EventHorizon.beforeHorizon(events, horizonDay), ingest.partitions(sources),
        ingest.setup(sources, cohortWindows).withHorizon(horizonDay));
    return EventHorizon.state(events, pass, horizonDay);
  }

  private Dataset<Row> ledger(Map<Integer, String> files) {
    List<Row> rows = new ArrayList<>();
    files.forEach((i, path) -> rows.add(RowFactory.create(i, path)));
    return ingest.spark().createDataFrame(rows, new StructType()
        .add(EventState.FILE, DataTypes.IntegerType).add(RawReader.INPUT_FILE, DataTypes.StringType));
  }

  private static Map<String, Long> perSource(Dataset<Row> rows) {
    Map<String, Long> out = new HashMap<>();
    rows.groupBy(RawReader.SOURCE).agg(count(lit(1))).collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  private static Column[] columns(StructType schema) {
    return columns(Arrays.asList(schema.fieldNames()));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static List<SourceFiles> ofKind(List<SourceFiles> sources, SourceKind kind) {
    return sources.stream().filter(s -> s.kind() == kind).toList();
  }
}
