package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.borderflow.ingest.ByTraveller.CohortWindow;
import org.borderflow.ingest.ByTraveller.Kind;

/**
 * The walk over one partition of events exchanged and sorted by traveller ({@link ByTraveller#pass}): reads a
 * traveller's rows, emits what is per traveller (cohort entries, rejected rows) as it goes, and the partition's sums
 * per day row, week and source once its rows are read.
 */
final class TravellerWalk implements Iterator<Row> {

  /** The exchanged columns, in the order the walk reads them. */
  static final String K1 = "_k1";
  static final String K2 = "_k2";
  /** Reporting country and citizenship, hashed ({@link Codes}). */
  static final String PLACE = "_place";
  /** The source, hashed, with {@link #flags}. */
  static final String SOURCE_FLAGS = "_source_flags";
  /** The local epoch day and the source's priority. */
  static final String DAY_PRIORITY = "_day_priority";
  /** The instant in microseconds, and the hash of the event id that orders crossings at one instant. */
  static final String INSTANT = "_instant";
  static final String ID = "_id";
  /** In a walk of a change ({@link ByTraveller#change}): whether the row is one of the new events. */
  static final String NEW = "_new";

  private static final int AT_K1 = 0;
  private static final int AT_K2 = 1;
  private static final int AT_PLACE = 2;
  private static final int AT_SOURCE = 3;
  private static final int AT_DAY = 4;
  private static final int AT_POINT = 5;
  private static final int AT_BIRTH_YEAR = 6;
  private static final int AT_FILE = 7;
  private static final int AT_REASON = 8;
  private static final int AT_RECORD = 9;
  private static final int AT_INSTANT = 10;
  private static final int AT_ID = 11;
  private static final int AT_NEW = 12;
  /** A traveller's rows in time order, ties by the id's hash; the second key first, for the rare shared first. */
  private static final Comparator<Row> IN_TIME = Comparator.<Row>comparingLong(r -> r.getLong(AT_K2))
      .thenComparingLong(r -> r.isNullAt(AT_INSTANT) ? Long.MIN_VALUE : r.getLong(AT_INSTANT))
      .thenComparingLong(r -> r.getLong(AT_ID));

  private static final String[] BORDER_TYPES = {"LAND", "SEA", "AIR", null};
  private static final String[] SEXES = {"M", "F", "X", null};
  private static final int ACCEPTED = 0;
  private static final int REJECTED = 1;
  private static final int DUPLICATE = 2;

  /**
   * Border type (bits 5-6), sex (3-4), ENTRY (2) and status (0-1) as one integer: the code of a value not in the
   * lists above is 3, which only a rejected row can have, and the walk reads no field of a rejected row.
   */
  static Column flags(Column status) {
    Column borderType = code(col("border_type"), BORDER_TYPES);
    Column sex = code(col("sex"), SEXES);
    Column entry = when(col("direction").equalTo("ENTRY"), 1).otherwise(0);
    Column statusCode = when(status.equalTo(Deduplication.ACCEPTED), ACCEPTED)
        .when(status.equalTo(Deduplication.REJECTED), REJECTED).otherwise(DUPLICATE);
    return borderType.multiply(32).plus(sex.multiply(8)).plus(entry.multiply(4)).plus(statusCode);
  }

  private static Column code(Column value, String[] values) {
    Column code = when(value.equalTo(values[0]), 0);
    for (int i = 1; i < values.length - 1; i++) {
      code = code.when(value.equalTo(values[i]), i);
    }
    return code.otherwise(values.length - 1);
  }

  /**
   * A day row of a source, as hashes and codes. Its hash code is mixed, not a record's sum of multiples of 31:
   * keys that differ in the day and the crossing point alone collided often enough for the partition's map to
   * turn its buckets into trees. The fields are packed side by side before they are mixed, never added: a day plus
   * 31 times a source collides with the day 31 later of the next source (240,000 keys gave 82,678 hash codes).
   */
  private record DayKey(int source, int priority, int day, long place, String point, int borderType, boolean entry) {
    @Override
    public int hashCode() {
      return fold(mix(mix(mix(place, packed(day, source)), packed(priority, borderType << 1 | (entry ? 1 : 0))),
          point.hashCode()));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DayKey k && k.place == place && k.day == day && k.source == source
          && k.priority == priority && k.borderType == borderType && k.entry == entry && k.point.equals(point);
    }
  }

  /** A week of a source, country and citizenship, as hashes. */
  private record WeekKey(int source, int priority, int weekStart, long place) {
    @Override
    public int hashCode() {
      return fold(mix(mix(place, packed(weekStart, source)), priority));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WeekKey k && k.place == place && k.weekStart == weekStart && k.source == source
          && k.priority == priority;
    }
  }

  /**
   * Folds {@code value} into {@code hash} with the 64-bit finaliser of MurmurHash3; the result stays 64 bits wide
   * until {@link #fold}, as cutting it to 32 bits between fields adds collisions.
   */
  private static long mix(long hash, long value) {
    long h = (hash ^ value) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static long packed(int high, int low) {
    return (long) high << 32 | (low & 0xffffffffL);
  }

  private static int fold(long hash) {
    return (int) (hash ^ (hash >>> 32));
  }

  private final Iterator<Row> rows;
  private final Codes codes;
  private final List<CohortWindow> windows;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private final Map<DayKey, long[]> days = new HashMap<>();
  private final Map<WeekKey, long[]> weeks = new HashMap<>();
  private final Map<Integer, long[]> statuses = new HashMap<>();
  /** The rows that share the current first key. */
  private final List<Row> group = new ArrayList<>();
  /** The current traveller's accepted crossings, in time order. */
  private final List<Row> crossings = new ArrayList<>();
  /** In a walk of a change: the current traveller's accepted crossings before the new events. */
  private final List<Row> before = new ArrayList<>();
  /** Whether this walk sums a change ({@link ByTraveller#change}) rather than the events themselves. */
  private final boolean change;
  private Row pending;
  private boolean finished;

  TravellerWalk(Iterator<Row> rows, Codes codes, List<CohortWindow> windows, boolean change) {
    this.rows = rows;
    this.codes = codes;
    this.windows = windows;
    this.change = change;
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

  private static int flagsOf(Row r) {
    return Codes.low(r.getLong(AT_SOURCE));
  }

  private static int sourceOf(Row r) {
    return Codes.high(r.getLong(AT_SOURCE));
  }

  private static int dayOf(Row r) {
    return Codes.high(r.getLong(AT_DAY));
  }

  private static int priorityOf(Row r) {
    return Codes.low(r.getLong(AT_DAY));
  }

  private static boolean isEntry(Row r) {
    return (flagsOf(r) & 4) != 0;
  }

  private static int citizenshipOf(Row r) {
    return Codes.low(r.getLong(AT_PLACE));
  }

  /**
   * Reads the rows that share the first key, puts them in time order and walks each traveller among them (two
   * travellers share it only when their first 64-bit hashes collide).
   */
  private void readTraveller() {
    long k1 = pending.getLong(AT_K1);
    group.clear();
    while (pending != null && pending.getLong(AT_K1) == k1) {
      group.add(pending);
      pending = rows.hasNext() ? rows.next() : null;
    }
    if (group.size() > 1) {
      group.sort(IN_TIME);
    }
    crossings.clear();
    before.clear();
    for (int i = 0; i < group.size(); i++) {
      Row r = group.get(i);
      int status = flagsOf(r) & 3;
      // In a change, an earlier row counts once without and once with the new events: its status adds nothing.
      boolean fresh = !change || r.getBoolean(AT_NEW);
      if (fresh) {
        statuses.computeIfAbsent(sourceOf(r), s -> new long[3])[status]++;
      }
      if (status == ACCEPTED) {
        crossings.add(r);
        if (!fresh) {
          before.add(r);
        }
      } else if (status == REJECTED && fresh) {
        Object[] rejected = output(Kind.REJECTED);
        rejected[1] = codes.source(sourceOf(r));
        rejected[17] = r.getString(AT_FILE);
        rejected[18] = r.getString(AT_REASON);
        rejected[19] = r.getString(AT_RECORD);
        ready.add(RowFactory.create(rejected));
      }
      if (i + 1 == group.size() || group.get(i + 1).getLong(AT_K2) != r.getLong(AT_K2)) {
        if (!before.isEmpty()) {
          // What the traveller's earlier crossings contributed, taken away; their cohort rows are replaced.
          walkTraveller(k1, before, -1, false);
        }
        if (!crossings.isEmpty()) {
          walkTraveller(k1, crossings, 1, true);
        }
        crossings.clear();
        before.clear();
      }
    }
  }

  /**
   * Adds one traveller's contributions, times {@code sign}, to the partition's sums, and emits the traveller's
   * cohort rows when {@code cohorts}.
   */
  private void walkTraveller(long traveller, List<Row> walked, int sign, boolean cohorts) {
    int n = walked.size();
    // The first EXIT after each crossing, from the end backwards; Integer.MAX_VALUE for none.
    int[] nextExit = new int[n];
    int exitAfter = Integer.MAX_VALUE;
    for (int i = n - 1; i >= 0; i--) {
      nextExit[i] = exitAfter;
      Row r = walked.get(i);
      if (!isEntry(r)) {
        exitAfter = Math.min(exitAfter, dayOf(r));
      }
    }
    Set<DayKey> daysSeen = n == 1 ? null : new HashSet<>();
    Map<WeekKey, long[]> travellerWeeks = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Row r = walked.get(i);
      boolean entry = isEntry(r);
      DayKey day = new DayKey(sourceOf(r), priorityOf(r), dayOf(r), r.getLong(AT_PLACE),
          r.getString(AT_POINT), (flagsOf(r) >> 5) & 3, entry);
      long[] daySums = days.computeIfAbsent(day, k -> new long[2]);
      daySums[0] += sign;
      if (daysSeen == null || daysSeen.add(day)) {
        daySums[1] += sign;
      }
      long[] own = travellerWeeks.computeIfAbsent(weekKey(r, dayOf(r)), k -> new long[3]);
      own[entry ? 0 : 1] = 1;
      if (entry) {
        own[2]++;
        if (i + 1 < n) {
          // Present from this entry's week until the week of the traveller's next crossing.
          travellerWeeks.computeIfAbsent(weekKey(r, dayOf(walked.get(i + 1))), k -> new long[3])[2]--;
        }
      }
    }
    travellerWeeks.forEach((key, v) -> {
      long[] sums = weeks.computeIfAbsent(key, k -> new long[3]);
      for (int j = 0; j < 3; j++) {
        sums[j] += sign * v[j];
      }
    });
    if (cohorts) {
      cohortEntries(traveller, walked, nextExit);
    }
  }

  private static WeekKey weekKey(Row r, int day) {
    return new WeekKey(sourceOf(r), priorityOf(r), ByTraveller.weekStart(day), r.getLong(AT_PLACE));
  }

  /** The traveller's first ENTRY into each window of the traveller's country, if any. */
  private void cohortEntries(long traveller, List<Row> walked, int[] nextExit) {
    String country = codes.country(Codes.high(walked.get(0).getLong(AT_PLACE)));
    for (int w = 0; w < windows.size(); w++) {
      CohortWindow window = windows.get(w);
      if (!window.destination().equals(country)) {
        continue;
      }
      for (int i = 0; i < walked.size(); i++) {
        Row r = walked.get(i);
        int day = dayOf(r);
        if (isEntry(r) && day >= window.fromDay() && day <= window.toDay()
            && window.origin().equals(codes.country(citizenshipOf(r)))) {
          Object[] entry = place(output(Kind.COHORT), sourceOf(r), priorityOf(r), r.getLong(AT_PLACE), day);
          entry[12] = w;
          entry[13] = nextExit[i] == Integer.MAX_VALUE ? null : nextExit[i];
          entry[14] = SEXES[(flagsOf(r) >> 3) & 3];
          entry[15] = r.isNullAt(AT_BIRTH_YEAR) ? null : r.getInt(AT_BIRTH_YEAR);
          entry[16] = traveller;
          ready.add(RowFactory.create(entry));
          break;
        }
      }
    }
  }

  private void emitSums() {
    days.forEach((k, v) -> {
      Object[] row = place(output(Kind.DAY), k.source(), k.priority(), k.place(), k.day());
      row[6] = k.point();
      row[7] = BORDER_TYPES[k.borderType()];
      row[8] = k.entry() ? "ENTRY" : "EXIT";
      row[9] = v[0];
      row[10] = v[1];
      ready.add(RowFactory.create(row));
    });
    weeks.forEach((k, v) -> {
      Object[] row = place(output(Kind.WEEK), k.source(), k.priority(), k.place(), k.weekStart());
      row[9] = v[0];
      row[10] = v[1];
      row[11] = v[2];
      ready.add(RowFactory.create(row));
    });
    statuses.forEach((source, v) -> {
      Object[] row = output(Kind.STATUS);
      row[1] = codes.source(source);
      row[9] = v[ACCEPTED];
      row[10] = v[REJECTED];
      row[11] = v[DUPLICATE];
      ready.add(RowFactory.create(row));
    });
    days.clear();
    weeks.clear();
    statuses.clear();
  }

  /** Source, priority, reporting country, citizenship and day of an output row. */
  private Object[] place(Object[] row, int source, int priority, long place, int day) {
    row[1] = codes.source(source);
    row[2] = priority;
    row[3] = codes.country(Codes.high(place));
    row[4] = codes.country(Codes.low(place));
    row[5] = day;
    return row;
  }

  /** An output row of {@link ByTraveller#SCHEMA}, every column but the kind null. */
  private static Object[] output(Kind kind) {
    Object[] row = new Object[ByTraveller.SCHEMA.size()];
    row[0] = kind.ordinal();
    return row;
  }
}
