package org.borderflow.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one shuffle of the crossing events, and the one pass over them that every person-level figure comes from.
 *
 * <p>A traveller is {@code (source, reporting_country, traveller_id)}: ids are pseudonyms stable within one source
 * only, and presence is presence in one country. Before the exchange each event is cut down to what the pass
 * needs, with the traveller and the event id as 64-bit hashes (the traveller as two independent ones, 128 bits, so
 * that two travellers share a key with a probability of about n^2 / 2^129: for a billion travellers, 1 in 10^21).
 * The events are exchanged on the traveller and sorted within each partition by traveller, instant and event id,
 * so each traveller's crossings arrive together and in time order (simultaneous crossings ordered by the id's hash,
 * so a rerun gives the same order).
 *
 * <p>A typed {@code mapPartitions} then walks each traveller's accepted crossings once and sums, per partition,
 * every contribution the tables need ({@link Kind}): crossings and distinct travellers per day row, persons entered
 * and exited and the presence deltas per week, each traveller's first entry into every cohort window, and the
 * status counts per source; rejected rows pass through with their reason. What leaves the pass is small: a row per
 * group and partition, a row per cohort member and a row per rejected event. Before, each of these was a reading of
 * an in-memory copy of every event, ordered by window functions over string keys.
 */
public final class ByTraveller {

  /** What a row of the pass's output is. */
  public enum Kind {
    /** A day row of an event source: {@code n1} crossings, {@code n2} distinct travellers. */
    DAY,
    /** A week of a source, country and citizenship: {@code n1} persons entered, {@code n2} exited, {@code n3} the
     * change in presence (+1 for each ENTRY, -1 in the week of the crossing after it). */
    WEEK,
    /** A traveller's first ENTRY into a cohort window ({@code cohort_window}), with the date of the traveller's
     * first EXIT after it ({@code next_exit_day}, null when none is in the data). */
    COHORT,
    /** Rows per status of a source: {@code n1} accepted, {@code n2} rejected, {@code n3} duplicates. */
    STATUS,
    /** A rejected row, with its file, reason and raw record. */
    REJECTED,
    /**
     * For the incremental state ({@link EventHorizon}): a traveller's last accepted crossing dated before the
     * horizon's first day, when it is an ENTRY (the traveller is present at the horizon), as its compact columns.
     */
    CARRY
  }

  /** A cohort's entry dates, as local epoch days, into {@code destination} by citizens of {@code origin}. */
  public record CohortWindow(String destination, String origin, int fromDay, int toDay) implements Serializable {}

  /**
   * What the pass needs besides the events: the names of the event sources and the country codes, whose 32-bit
   * hashes stand for them in the exchange, and the cohort windows whose first entries it finds.
   */
  public record Setup(List<String> sources, List<String> countries, List<CohortWindow> windows, int horizonDay) {
    public Setup {
      sources = List.copyOf(sources);
      countries = List.copyOf(countries);
      windows = List.copyOf(windows);
    }

    /** A pass that emits no {@link Kind#CARRY} row. */
    public Setup(List<String> sources, List<String> countries, List<CohortWindow> windows) {
      this(sources, countries, windows, NO_HORIZON);
    }

    /** The same pass, emitting the carries of the horizon that starts on local epoch day {@code day}. */
    public Setup withHorizon(int day) {
      return new Setup(sources, countries, windows, day);
    }
  }

  /** The {@link Setup#horizonDay} of a pass that emits no carry. */
  public static final int NO_HORIZON = Integer.MIN_VALUE;

  public static final String KIND = "kind";
  public static final String DAY = "day";
  public static final String COHORT_WINDOW = "cohort_window";
  public static final String NEXT_EXIT_DAY = "next_exit_day";
  public static final String TRAVELLER_KEY = "traveller_key";
  /** The traveller's first 64-bit hash and the event id's hash, among the {@link #COMPACT} columns. */
  public static final String K1 = TravellerWalk.K1;
  public static final String ID_HASH = TravellerWalk.ID;
  /** The columns of a compact event, in the order the walk reads them. */
  public static final String[] COMPACT = {TravellerWalk.K1, TravellerWalk.K2, TravellerWalk.PLACE,
      TravellerWalk.SOURCE_FLAGS, TravellerWalk.DAY_PRIORITY, "crossing_point", "birth_year", RawReader.INPUT_FILE,
      RowValidation.REASON, Ingest.RECORD, TravellerWalk.INSTANT, TravellerWalk.ID};

  /** The output of the pass: one schema for every kind; a column a kind does not use is null. */
  public static final StructType SCHEMA = new StructType()
      .add(KIND, DataTypes.IntegerType, false)
      .add(RawReader.SOURCE, DataTypes.StringType)
      .add(RawReader.PRIORITY, DataTypes.IntegerType)
      .add("reporting_country", DataTypes.StringType)
      .add("citizenship", DataTypes.StringType)
      .add(DAY, DataTypes.IntegerType)
      .add("crossing_point", DataTypes.StringType)
      .add("border_type", DataTypes.StringType)
      .add("direction", DataTypes.StringType)
      .add("n1", DataTypes.LongType)
      .add("n2", DataTypes.LongType)
      .add("n3", DataTypes.LongType)
      .add(COHORT_WINDOW, DataTypes.IntegerType)
      .add(NEXT_EXIT_DAY, DataTypes.IntegerType)
      .add("sex", DataTypes.StringType)
      .add("birth_year", DataTypes.IntegerType)
      .add(TRAVELLER_KEY, DataTypes.LongType)
      .add(RawReader.INPUT_FILE, DataTypes.StringType)
      .add(RowValidation.REASON, DataTypes.StringType)
      .add(Ingest.RECORD, DataTypes.StringType)
      // What a carry keeps of its compact columns besides traveller_key (its _k1).
      .add(TravellerWalk.K2, DataTypes.LongType)
      .add(TravellerWalk.PLACE, DataTypes.LongType)
      .add(TravellerWalk.SOURCE_FLAGS, DataTypes.LongType)
      .add(TravellerWalk.DAY_PRIORITY, DataTypes.LongType)
      .add(EventState.FILE, DataTypes.IntegerType);

  private ByTraveller() {}

  /**
   * The pass over classified events (canonical columns, source, priority, local {@code date} and {@code status};
   * {@code reject_reason}, {@code input_file} and {@code _record} where present) in {@code partitions} partitions
   * by traveller.
   *
   * <p>What crosses the exchange is seven longs, the crossing point, the birth year and, on rejected rows only,
   * their file, reason and record: the traveller (two hashes), the country and citizenship (a 32-bit hash each),
   * the source (a hash) with the border type, sex, direction and status, the local day with the source's
   * priority, and the instant and the id's hash that order a traveller's crossings. The walk decodes the hashes
   * with {@link Codes}, and allocates two strings a crossing instead of nine.
   */
  public static Dataset<Row> pass(Dataset<Row> classified, int partitions, Setup setup) {
    return walk(compact(classified), partitions, setup);
  }

  /**
   * The classified events cut down to what crosses the exchange ({@link #COMPACT}, in that order), followed by
   * the {@code extra} columns given (kept for the incremental state, dropped by {@link #walk}).
   */
  public static Dataset<Row> compact(Dataset<Row> classified, Column... extra) {
    List<String> present = Arrays.asList(classified.columns());
    Column status = col(Deduplication.STATUS);
    Column[] compact = {
        xxhash64(col(RawReader.SOURCE), col("reporting_country"), col("traveller_id")).as(TravellerWalk.K1),
        xxhash64(col("traveller_id"), col("reporting_country"), col(RawReader.SOURCE), lit(1)).as(TravellerWalk.K2),
        Codes.pair(Codes.hashed(col("reporting_country")), Codes.hashed(col("citizenship"))).as(TravellerWalk.PLACE),
        Codes.pair(Codes.hashed(col(RawReader.SOURCE)), TravellerWalk.flags(status)).as(TravellerWalk.SOURCE_FLAGS),
        Codes.pair(coalesce(unix_date(col(RowValidation.DATE)), lit(0)), col(RawReader.PRIORITY))
            .as(TravellerWalk.DAY_PRIORITY),
        col("crossing_point"), col("birth_year"),
        // Lineage and the raw record are for rejected rows only: null on every other row, they cost a bit each.
        optional(present, RawReader.INPUT_FILE, status), optional(present, RowValidation.REASON, status),
        optional(present, Ingest.RECORD, status),
        unix_micros(col("event_time")).as(TravellerWalk.INSTANT),
        xxhash64(col(RawReader.SOURCE), col("event_id")).as(TravellerWalk.ID)};
    Column[] all = Arrays.copyOf(compact, compact.length + extra.length);
    System.arraycopy(extra, 0, all, compact.length, extra.length);
    return classified.select(all);
  }

  /** The walk over compact events ({@link #compact}): exchanged by traveller, sorted, summed. */
  public static Dataset<Row> walk(Dataset<Row> compact, int partitions, Setup setup) {
    Codes codes = Codes.of(compact.sparkSession(), setup.sources(), setup.countries());
    List<CohortWindow> windows = setup.windows();
    int horizon = setup.horizonDay();
    return compact.select(walked(compact, false))
        .repartition(partitions, col(TravellerWalk.K1))
        // One long sort key: Spark sorts it with a radix sort, where more keys make it a comparison sort (a fifth
        // of the pass's time at 10M events). The walk puts each traveller's few rows in time order itself.
        .sortWithinPartitions(TravellerWalk.K1)
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new TravellerWalk(rows, codes, windows, false,
                horizon), Encoders.row(SCHEMA));
  }

  /**
   * The columns a walk reads: {@link #COMPACT}, the ledger index of the row's file when the rows have one (a
   * carry keeps it), and in a walk of a change whether the row is new.
   */
  private static Column[] walked(Dataset<Row> compact, boolean fresh) {
    List<Column> columns = new java.util.ArrayList<>(Arrays.stream(COMPACT).map(c -> col(c)).toList());
    columns.add(Arrays.asList(compact.columns()).contains(EventState.FILE) ? col(EventState.FILE)
        : lit(null).cast(DataTypes.IntegerType).as(EventState.FILE));
    columns.add(lit(fresh).as(TravellerWalk.NEW));
    return columns.toArray(Column[]::new);
  }

  /**
   * What new events change in the pass's sums, in one walk: {@code earlier}, accepted compact events of the
   * travellers that {@code added} (compact events of new files) touches, and {@code added} are exchanged together,
   * and each traveller is walked without its new events, the sums taken away, and with them, the sums added. The
   * day, week and status rows are these differences per partition (a key may sum to 0); the cohort and rejected
   * rows are those of the walk with the new events. One exchange and sort of the earlier events instead of two
   * walks, which read and sorted them twice.
   */
  public static Dataset<Row> change(Dataset<Row> earlier, Dataset<Row> added, int partitions, Setup setup) {
    Codes codes = Codes.of(added.sparkSession(), setup.sources(), setup.countries());
    List<CohortWindow> windows = setup.windows();
    return earlier.select(walked(earlier, false)).unionByName(added.select(walked(added, true)))
        .repartition(partitions, col(TravellerWalk.K1))
        .sortWithinPartitions(TravellerWalk.K1)
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new TravellerWalk(rows, codes, windows, true,
                NO_HORIZON), Encoders.row(SCHEMA));
  }

  /** Whether a compact event row ({@link #compact}) was accepted: the status bits of its source flags are 0. */
  public static Column accepted() {
    return col(TravellerWalk.SOURCE_FLAGS).bitwiseAND(lit(3L)).equalTo(lit(0L));
  }

  /** The pass's rows of one kind. */
  public static Dataset<Row> ofKind(Dataset<Row> pass, Kind kind) {
    return pass.where(col(KIND).equalTo(kind.ordinal()));
  }

  private static Column optional(List<String> present, String column, Column status) {
    return present.contains(column)
        ? when(status.equalTo(Deduplication.REJECTED), col(column)).as(column)
        : lit(null).cast(DataTypes.StringType).as(column);
  }

  /** Monday of the ISO week of a local epoch day (1970-01-01, day 0, was a Thursday). */
  static int weekStart(int epochDay) {
    return epochDay - Math.floorMod(epochDay + 3, 7);
  }
}
