package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
  private static final int AT_FILE_INDEX = 12;
  private static final int AT_NEW = 13;
  /** A traveller's rows in time order, ties by the id's hash; the second key first, for the rare shared first. */
  private static final Comparator<Row> IN_TIME = Comparator.<Row>comparingLong(r -> r.getLong(AT_K2))
      .thenComparingLong(r -> r.isNullAt(AT_INSTANT) ? Long.MIN_VALUE : r.getLong(AT_INSTANT))
      .thenComparingLong(r -> r.isNullAt(AT_ID) ? Long.MIN_VALUE : r.getLong(AT_ID));

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

  private final Iterator<Row> rows;
  private final Codes codes;
  private final List<CohortWindow> windows;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  /**
   * Per day row: the place, the source and priority, and the day with the crossing point's number in
   * {@link #points}, border type and direction; crossings, travellers, and the last {@link #walks} that counted
   * a traveller.
   */
  private final KeyedSums days = new KeyedSums(3);
  /**
   * Per week: the place, the source and priority, and the week's Monday; persons entered, exited, the change in
   * presence, and the last walks that counted an entry and an exit.
   */
  private final KeyedSums weeks = new KeyedSums(5);
  /** Per source: accepted, rejected and duplicate rows. */
  private final KeyedSums statuses = new KeyedSums(3);
  /** The crossing points seen, numbered in this partition from 1. */
  private final Map<String, Integer> pointNumbers = new HashMap<>();
  private final List<String> points = new ArrayList<>();
  /** How many traveller walks have been summed: a walk marks the keys it has counted a person in. */
  private long walks;
  /** The rows that share the current first key. */
  private final List<Row> group = new ArrayList<>();
  /** The current traveller's accepted crossings, in time order. */
  private final List<Row> crossings = new ArrayList<>();
  /** In a walk of a change: the current traveller's accepted crossings before the new events. */
  private final List<Row> before = new ArrayList<>();
  /** Whether this walk sums a change ({@link ByTraveller#change}) rather than the events themselves. */
  private final boolean change;
  /** The first local epoch day of the horizon whose carries this walk emits, or {@link ByTraveller#NO_HORIZON}. */
  private final int horizonDay;
  private Row pending;
  private boolean finished;

  TravellerWalk(Iterator<Row> rows, Codes codes, List<CohortWindow> windows, boolean change, int horizonDay) {
    this.rows = rows;
    this.codes = codes;
    this.windows = windows;
    this.change = change;
    this.horizonDay = horizonDay;
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
        statuses.add(statuses.at(sourceOf(r), 0, 1), status, 1);
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
          carry(k1, crossings);
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
    long walk = ++walks;
    for (int i = 0; i < n; i++) {
      Row r = walked.get(i);
      boolean entry = isEntry(r);
      long place = r.getLong(AT_PLACE);
      long source = Codes.pair(sourceOf(r), priorityOf(r));
      int day = dayOf(r);
      int at = days.at(place, source, Codes.pair(day, pointNumber(r.getString(AT_POINT)) << 3
          | ((flagsOf(r) >> 5) & 3) << 1 | (entry ? 1 : 0)));
      days.add(at, 0, sign);
      countOnce(days, at, 1, 2, walk, sign);
      at = weeks.at(place, source, Codes.pair(ByTraveller.weekStart(day), 1));
      if (entry) {
        countOnce(weeks, at, 0, 3, walk, sign);
        weeks.add(at, 2, sign);
        if (i + 1 < n) {
          // Present from this entry's week until the week of the traveller's next crossing.
          int nextWeek = ByTraveller.weekStart(dayOf(walked.get(i + 1)));
          weeks.add(weeks.at(place, source, Codes.pair(nextWeek, 1)), 2, -sign);
        }
      } else {
        countOnce(weeks, at, 1, 4, walk, sign);
      }
    }
    if (cohorts) {
      cohortEntries(traveller, walked, nextExit);
    }
  }

  /** Adds {@code sign} to a counter once per walk: the first time the walk reaches the key. */
  private static void countOnce(KeyedSums sums, int at, int counter, int mark, long walk, int sign) {
    if (sums.get(at, mark) != walk) {
      sums.set(at, mark, walk);
      sums.add(at, counter, sign);
    }
  }

  /** The crossing point's number in this partition, from 1; the packed day key has 28 bits for it. */
  private int pointNumber(String point) {
    Integer known = pointNumbers.get(point);
    if (known != null) {
      return known;
    }
    points.add(point);
    if (points.size() >= 1 << 28) {
      throw new IllegalStateException("more than 2^28 crossing points in one partition");
    }
    pointNumbers.put(point, points.size());
    return points.size();
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

  /**
   * Emits the traveller's carry: the last crossing dated before the horizon, when it is an ENTRY. Its successor
   * decides in which week the traveller's presence ends, so an increment needs it; nothing else before the horizon
   * changes what a later crossing adds (README, "Incremental runs").
   */
  private void carry(long traveller, List<Row> walked) {
    if (horizonDay == ByTraveller.NO_HORIZON) {
      return;
    }
    Row last = null;
    for (Row r : walked) {
      if (dayOf(r) >= horizonDay) {
        break;
      }
      last = r;
    }
    if (last == null || !isEntry(last)) {
      return;
    }
    // Only what a later walk reads of it: every crossing it meets there is dated inside the horizon, so a null
    // instant and id still order it first; its own day row and cohort entry are the same with or without the new
    // events, so they cancel out (the crossing point and birth year are left out); its id has a fingerprint.
    Object[] row = output(Kind.CARRY);
    row[16] = traveller;
    row[20] = last.getLong(AT_K2);
    row[21] = last.getLong(AT_PLACE);
    row[22] = last.getLong(AT_SOURCE);
    row[23] = last.getLong(AT_DAY);
    row[24] = last.isNullAt(AT_FILE_INDEX) ? null : last.getInt(AT_FILE_INDEX);
    ready.add(RowFactory.create(row));
  }

  private void emitSums() {
    days.forEach((place, source, dayPoint, at) -> {
      int code = Codes.low(dayPoint);
      Object[] row = place(output(Kind.DAY), Codes.high(source), Codes.low(source), place, Codes.high(dayPoint));
      row[6] = points.get((code >>> 3) - 1);
      row[7] = BORDER_TYPES[(code >> 1) & 3];
      row[8] = (code & 1) == 1 ? "ENTRY" : "EXIT";
      row[9] = days.get(at, 0);
      row[10] = days.get(at, 1);
      ready.add(RowFactory.create(row));
    });
    weeks.forEach((place, source, week, at) -> {
      Object[] row = place(output(Kind.WEEK), Codes.high(source), Codes.low(source), place, Codes.high(week));
      row[9] = weeks.get(at, 0);
      row[10] = weeks.get(at, 1);
      row[11] = weeks.get(at, 2);
      ready.add(RowFactory.create(row));
    });
    statuses.forEach((source, unused, marker, at) -> {
      Object[] row = output(Kind.STATUS);
      row[1] = codes.source((int) source);
      row[9] = statuses.get(at, ACCEPTED);
      row[10] = statuses.get(at, REJECTED);
      row[11] = statuses.get(at, DUPLICATE);
      ready.add(RowFactory.create(row));
    });
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
