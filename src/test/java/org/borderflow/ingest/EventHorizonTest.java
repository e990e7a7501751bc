package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class EventHorizonTest extends SparkTestBase {

  /** Monday 26 September 2022: the horizon's first day in these tests. */
  private static final int HORIZON = (int) LocalDate.parse("2022-09-26").toEpochDay();

  /** As in {@link ByTravellerTest}: Helsinki is UTC+3, so each crossing is on its UTC date locally. */
  private static final Object[][] ROWS = {
      event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 0),
      event("e2", "2022-09-21T10:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 1),
      event("e3", "2022-09-26T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 2),
      event("e4", "2022-10-04T10:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 3),
      event("e5", "2022-09-22T10:00:00Z", "FI", "ENTRY", "RU", "t2", "f1", 4),
      event("e7", "2022-09-22T06:00:00Z", "FI", "ENTRY", "RU", "t3", "f1", 5),
      event("e8", "2022-09-22T07:00:00Z", "FI", "EXIT", "RU", "t3", "f1", 6),
      event("e9", "2022-09-22T08:00:00Z", "FI", "ENTRY", "RU", "t3", "f1", 7),
      event("e6", "2022-09-23T10:00:00Z", "FI", "EXIT", "XX", "t1", "f1", 8),    // rejected: not a country
      event("e1", "2022-09-24T10:00:00Z", "FI", "EXIT", "RU", "t1", "f2", 0)};   // duplicate of e1

  /** The compact events of {@link #ROWS}, each from ledger file 7. */
  private static Dataset<Row> compact() {
    return ByTraveller.compact(Deduplication.classifyEvents(RawFixtures.validated(events(ROWS))),
        lit(7).as(EventState.FILE));
  }

  private static Dataset<Row> pass(Dataset<Row> compact, int horizonDay) {
    return ByTraveller.walk(compact, 3, new ByTraveller.Setup(List.of("ev"), List.copyOf(RawFixtures.ZONES.keySet()),
        List.of()).withHorizon(horizonDay));
  }

  private static List<String> instants(Dataset<Row> events) {
    return sorted(events.selectExpr("cast(timestamp_micros(_instant) as string)"));
  }

  @Test
  void theHorizonStartsOnTheMondayOnOrBeforeItsDaysBeforeTheLastDay() {
    // Saturday 5 November 2022 less 7 days is Saturday 29 October: its Monday is the 24th.
    assertEquals(LocalDate.parse("2022-10-24").toEpochDay(), EventHorizon.start(LocalDate.parse("2022-11-05"), 7));
    // Monday 7 November less 7 days is a Monday itself.
    assertEquals(LocalDate.parse("2022-10-31").toEpochDay(), EventHorizon.start(LocalDate.parse("2022-11-07"), 7));
    assertEquals(LocalDate.parse("2022-11-07").toEpochDay(), EventHorizon.start(LocalDate.parse("2022-11-07"), 0));
  }

  @Test
  void aCarryIsTheLastAcceptedCrossingBeforeTheHorizonWhenItIsAnEntry() {
    // t1 left on the 21st (its duplicate EXIT of the 24th does not count), t2 entered on the 22nd, t3 came back.
    Dataset<Row> compact = compact();
    Dataset<Row> carries = EventHorizon.carries(pass(compact, HORIZON));
    // Each carry is its event's compact row without what a later walk does not read: instant, id, crossing point
    // and birth year.
    String[] read = {TravellerWalk.K1, TravellerWalk.K2, TravellerWalk.PLACE, TravellerWalk.SOURCE_FLAGS,
        TravellerWalk.DAY_PRIORITY, EventState.FILE};
    Dataset<Row> theirs = compact.where(col(TravellerWalk.INSTANT).isin(
            java.sql.Timestamp.valueOf("2022-09-22 08:00:00").getTime() * 1000,
            java.sql.Timestamp.valueOf("2022-09-22 10:00:00").getTime() * 1000))
        .selectExpr(read);
    assertEquals(2, theirs.count());
    assertEquals(sorted(theirs), sorted(carries.selectExpr(read)));
    assertEquals(lines("[null,null,null,null]", "[null,null,null,null]"),
        sorted(carries.select("_instant", "_id", "crossing_point", "birth_year")));
    // A pass without a horizon emits none.
    assertEquals(0, ByTraveller.ofKind(pass(compact, ByTraveller.NO_HORIZON), ByTraveller.Kind.CARRY).count());
  }

  @Test
  void theStateKeepsTheAcceptedEventsInsideTheHorizonAndFingerprintsOfTheOthers() {
    Dataset<Row> compact = compact();
    assertEquals(lines("[2022-09-26 10:00:00]", "[2022-10-04 10:00:00]"), instants(EventHorizon.kept(compact, HORIZON)));
    // e1, e2, e5, e7, e8 and e9: the rejected row and the duplicate have no fingerprint.
    Dataset<Row> fingerprints = EventHorizon.fingerprints(compact, Integer.MIN_VALUE, HORIZON);
    assertEquals(sorted(EventHorizon.beforeHorizon(compact, HORIZON)
            .selectExpr("shiftrightunsigned(_id, 24)", "_file")),
        sorted(fingerprints.select(EventHorizon.FINGERPRINT, EventState.FILE)));
    assertEquals(6, fingerprints.count());
    // Every fingerprint has at most 40 bits.
    assertEquals(0, fingerprints.where(col(EventHorizon.FINGERPRINT).geq(lit(1L << 40))).count());
  }

  @Test
  void aCohortRowWhoseEntryIsBeforeTheHorizonStaysAndTakesTheFirstNewExit() {
    int h = 20;
    Dataset<Row> earlier = cohortRows(
        cohort(1L, 0, 10, null),     // untouched: as it was
        cohort(2L, 0, 10, null),     // before the horizon, open: its exit is the first new EXIT, day 25
        cohort(2L, 1, 5, 8),         // before the horizon, closed: stays closed
        cohort(3L, 0, 21, 30));      // inside the horizon: the walk's row replaces it
    Dataset<Row> walked = cohortRows(
        cohort(2L, 0, 22, 25),       // a later entry of the window the earlier row holds: not the first
        cohort(3L, 0, 21, 24));
    Dataset<Row> added = spark.createDataFrame(List.of(crossing(2L, 23, true), crossing(2L, 27, false),
            crossing(2L, 25, false), crossing(3L, 24, false)),
        new StructType().add(TravellerWalk.K1, DataTypes.LongType).add(TravellerWalk.SOURCE_FLAGS, DataTypes.LongType)
            .add(TravellerWalk.DAY_PRIORITY, DataTypes.LongType));
    Dataset<Row> touched = added.select(TravellerWalk.K1).distinct();
    assertEquals(lines("[1,0,10,null]", "[2,0,10,25]", "[2,1,5,8]", "[3,0,21,24]"),
        sorted(IncrementalIngest.cohorts(earlier, walked, touched, added, h)
            .select(ByTraveller.TRAVELLER_KEY, ByTraveller.COHORT_WINDOW, ByTraveller.DAY, ByTraveller.NEXT_EXIT_DAY)));
  }

  private static Object[] cohort(long traveller, int window, int day, Integer nextExit) {
    Object[] row = new Object[ByTraveller.SCHEMA.size()];
    row[0] = ByTraveller.Kind.COHORT.ordinal();
    row[ByTraveller.SCHEMA.fieldIndex(ByTraveller.DAY)] = day;
    row[ByTraveller.SCHEMA.fieldIndex(ByTraveller.COHORT_WINDOW)] = window;
    row[ByTraveller.SCHEMA.fieldIndex(ByTraveller.NEXT_EXIT_DAY)] = nextExit;
    row[ByTraveller.SCHEMA.fieldIndex(ByTraveller.TRAVELLER_KEY)] = traveller;
    return row;
  }

  private static Dataset<Row> cohortRows(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return spark.createDataFrame(list, ByTraveller.SCHEMA);
  }

  /** An accepted compact crossing of a traveller: ENTRY is bit 2 of the flags, the status bits 0. */
  private static Row crossing(long traveller, int day, boolean entry) {
    return RowFactory.create(traveller, entry ? 4L : 0L, Codes.pair(day, 100));
  }
}
