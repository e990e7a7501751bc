package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    REJECTED
  }

  /** A cohort's entry dates, as local epoch days, into {@code destination} by citizens of {@code origin}. */
  public record CohortWindow(String destination, String origin, int fromDay, int toDay) implements Serializable {}

  public static final String KIND = "kind";
  public static final String DAY = "day";
  public static final String COHORT_WINDOW = "cohort_window";
  public static final String NEXT_EXIT_DAY = "next_exit_day";
  public static final String TRAVELLER_KEY = "traveller_key";

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
      .add(Ingest.RECORD, DataTypes.StringType);

  /** Status codes carried through the exchange in place of the status words. */
  private static final int ACCEPTED = 0;
  private static final int REJECTED = 1;
  private static final int DUPLICATE = 2;

  /** The exchanged columns, in this order: the walk reads them by position. */
  private static final String[] EXCHANGED = {"_k1", "_k2", "_t", "_id", "_status", RawReader.SOURCE,
      RawReader.PRIORITY, "reporting_country", "citizenship", DAY, "_entry", "crossing_point", "border_type", "sex",
      "birth_year", RawReader.INPUT_FILE, RowValidation.REASON, Ingest.RECORD};

  private ByTraveller() {}

  /**
   * The pass over classified events (canonical columns, source, priority, local {@code date} and {@code status};
   * {@code reject_reason}, {@code input_file} and {@code _record} where present) in {@code partitions} partitions
   * by traveller, with the cohort windows whose first entries it should find.
   */
  public static Dataset<Row> pass(Dataset<Row> classified, int partitions, List<CohortWindow> windows) {
    List<String> present = Arrays.asList(classified.columns());
    Column status = col(Deduplication.STATUS);
    Column[] compact = {
        xxhash64(col(RawReader.SOURCE), col("reporting_country"), col("traveller_id")).as("_k1"),
        xxhash64(col("traveller_id"), col("reporting_country"), col(RawReader.SOURCE), lit(1)).as("_k2"),
        expr("unix_micros(event_time)").as("_t"),
        xxhash64(col(RawReader.SOURCE), col("event_id")).as("_id"),
        when(status.equalTo(Deduplication.ACCEPTED), lit(ACCEPTED))
            .when(status.equalTo(Deduplication.REJECTED), lit(REJECTED)).otherwise(lit(DUPLICATE)).as("_status"),
        col(RawReader.SOURCE), col(RawReader.PRIORITY), col("reporting_country"), col("citizenship"),
        expr("unix_date(" + RowValidation.DATE + ")").as(DAY), col("direction").equalTo("ENTRY").as("_entry"),
        col("crossing_point"), col("border_type"), col("sex"), col("birth_year"),
        // Lineage and the raw record are for rejected rows only: null on every other row, they cost a bit each.
        optional(present, RawReader.INPUT_FILE, status), optional(present, RowValidation.REASON, status),
        optional(present, Ingest.RECORD, status)};
    List<CohortWindow> cohortWindows = List.copyOf(windows);
    return classified.select(compact)
        .repartition(partitions, col("_k1"))
        .sortWithinPartitions("_k1", "_k2", "_t", "_id")
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Walk(rows, cohortWindows),
            Encoders.row(SCHEMA));
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

  /** Positions of the exchanged columns. */
  private static final int K1 = 0;
  private static final int K2 = 1;
  private static final int STATUS = 4;
  private static final int SOURCE = 5;
  private static final int PRIORITY = 6;
  private static final int COUNTRY = 7;
  private static final int CITIZENSHIP = 8;
  private static final int DAY_OF = 9;
  private static final int ENTRY = 10;
  private static final int POINT = 11;
  private static final int BORDER_TYPE = 12;
  private static final int SEX = 13;
  private static final int BIRTH_YEAR = 14;
  private static final int FILE = 15;
  private static final int REASON = 16;
  private static final int RECORD = 17;

  private record DayKey(String source, int priority, int day, String country, String point, String borderType,
                        String citizenship, boolean entry) {}

  private record WeekKey(String source, int priority, int weekStart, String country, String citizenship) {}

  /** Monday of the ISO week of a local epoch day (1970-01-01, day 0, was a Thursday). */
  static int weekStart(int epochDay) {
    return epochDay - Math.floorMod(epochDay + 3, 7);
  }

  /**
   * Walks one partition: reads a traveller's rows, emits what is per traveller (cohort entries, rejected rows) as
   * it goes, and the partition's sums per day, week and source once the rows are read.
   */
  private static final class Walk implements Iterator<Row> {

    private final Iterator<Row> rows;
    private final List<CohortWindow> windows;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private final Map<DayKey, long[]> days = new HashMap<>();
    private final Map<WeekKey, long[]> weeks = new HashMap<>();
    private final Map<String, long[]> statuses = new HashMap<>();
    /** The current traveller's accepted crossings, in time order. */
    private final List<Row> crossings = new ArrayList<>();
    private Row pending;
    private boolean finished;

    Walk(Iterator<Row> rows, List<CohortWindow> windows) {
      this.rows = rows;
      this.windows = windows;
      this.pending = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && !finished) {
        if (pending == null) {
          emitSums();
          finished = true;
        } else {
          readTraveller();
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void readTraveller() {
      long k1 = pending.getLong(K1);
      long k2 = pending.getLong(K2);
      crossings.clear();
      while (pending != null && pending.getLong(K1) == k1 && pending.getLong(K2) == k2) {
        Row r = pending;
        pending = rows.hasNext() ? rows.next() : null;
        int status = r.getInt(STATUS);
        statuses.computeIfAbsent(r.getString(SOURCE), s -> new long[3])[status]++;
        if (status == ACCEPTED) {
          crossings.add(r);
        } else if (status == REJECTED) {
          ready.add(output(Kind.REJECTED, r.getString(SOURCE), null, null, null, null, null, null, null, null, null,
              null, null, null, null, null, null, r.getString(FILE), r.getString(REASON), r.getString(RECORD)));
        }
      }
      if (!crossings.isEmpty()) {
        walkTraveller(k1);
      }
    }

    private void walkTraveller(long traveller) {
      int n = crossings.size();
      // The first EXIT after each crossing, from the end backwards; Integer.MAX_VALUE for none.
      int[] nextExit = new int[n];
      int exitAfter = Integer.MAX_VALUE;
      for (int i = n - 1; i >= 0; i--) {
        nextExit[i] = exitAfter;
        Row r = crossings.get(i);
        if (!r.getBoolean(ENTRY)) {
          exitAfter = Math.min(exitAfter, r.getInt(DAY_OF));
        }
      }
      java.util.Set<DayKey> daysSeen = n == 1 ? null : new java.util.HashSet<>();
      Map<WeekKey, long[]> travellerWeeks = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Row r = crossings.get(i);
        boolean entry = r.getBoolean(ENTRY);
        DayKey day = new DayKey(r.getString(SOURCE), r.getInt(PRIORITY), r.getInt(DAY_OF), r.getString(COUNTRY),
            r.getString(POINT), r.getString(BORDER_TYPE), r.getString(CITIZENSHIP), entry);
        long[] daySums = days.computeIfAbsent(day, k -> new long[2]);
        daySums[0]++;
        if (daysSeen == null || daysSeen.add(day)) {
          daySums[1]++;
        }
        long[] own = travellerWeeks.computeIfAbsent(weekKey(r, r.getInt(DAY_OF)), k -> new long[3]);
        own[entry ? 0 : 1] = 1;
        if (entry) {
          own[2]++;
          if (i + 1 < n) {
            // Present from this entry's week until the week of the traveller's next crossing.
            travellerWeeks.computeIfAbsent(weekKey(r, crossings.get(i + 1).getInt(DAY_OF)), k -> new long[3])[2]--;
          }
        }
      }
      travellerWeeks.forEach((key, v) -> {
        long[] sums = weeks.computeIfAbsent(key, k -> new long[3]);
        for (int j = 0; j < 3; j++) {
          sums[j] += v[j];
        }
      });
      cohortEntries(traveller, nextExit);
    }

    private static WeekKey weekKey(Row r, int day) {
      return new WeekKey(r.getString(SOURCE), r.getInt(PRIORITY), weekStart(day), r.getString(COUNTRY),
          r.getString(CITIZENSHIP));
    }

    /** The traveller's first ENTRY into each window of the traveller's country, if any. */
    private void cohortEntries(long traveller, int[] nextExit) {
      String country = crossings.get(0).getString(COUNTRY);
      for (int w = 0; w < windows.size(); w++) {
        CohortWindow window = windows.get(w);
        if (!window.destination().equals(country)) {
          continue;
        }
        for (int i = 0; i < crossings.size(); i++) {
          Row r = crossings.get(i);
          int day = r.getInt(DAY_OF);
          if (r.getBoolean(ENTRY) && window.origin().equals(r.getString(CITIZENSHIP)) && day >= window.fromDay()
              && day <= window.toDay()) {
            ready.add(output(Kind.COHORT, r.getString(SOURCE), r.getInt(PRIORITY), country, r.getString(CITIZENSHIP),
                day, null, null, null, null, null, null, w, nextExit[i] == Integer.MAX_VALUE ? null : nextExit[i],
                r.getString(SEX), r.isNullAt(BIRTH_YEAR) ? null : r.getInt(BIRTH_YEAR), traveller, null, null, null));
            break;
          }
        }
      }
    }

    private void emitSums() {
      days.forEach((k, v) -> ready.add(output(Kind.DAY, k.source(), k.priority(), k.country(), k.citizenship(),
          k.day(), k.point(), k.borderType(), k.entry() ? "ENTRY" : "EXIT", v[0], v[1], null, null, null, null, null,
          null, null, null, null)));
      weeks.forEach((k, v) -> ready.add(output(Kind.WEEK, k.source(), k.priority(), k.country(), k.citizenship(),
          k.weekStart(), null, null, null, v[0], v[1], v[2], null, null, null, null, null, null, null, null)));
      statuses.forEach((source, v) -> ready.add(output(Kind.STATUS, source, null, null, null, null, null, null, null,
          v[ACCEPTED], v[REJECTED], v[DUPLICATE], null, null, null, null, null, null, null, null)));
      days.clear();
      weeks.clear();
      statuses.clear();
    }

    private static Row output(Kind kind, Object... values) {
      Object[] row = new Object[values.length + 1];
      row[0] = kind.ordinal();
      System.arraycopy(values, 0, row, 1, values.length);
      return RowFactory.create(row);
    }
  }
}
