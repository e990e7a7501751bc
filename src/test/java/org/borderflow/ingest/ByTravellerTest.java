package org.borderflow.ingest;

import static org.borderflow.ingest.RawFixtures.event;
import static org.borderflow.ingest.RawFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class ByTravellerTest extends SparkTestBase {

  /** Russians entering Finland from Wednesday 21 to Friday 30 September 2022 (local dates). */
  private static final List<ByTraveller.CohortWindow> WINDOWS = List.of(new ByTraveller.CohortWindow("FI", "RU",
      (int) LocalDate.parse("2022-09-21").toEpochDay(), (int) LocalDate.parse("2022-09-30").toEpochDay()));

  /** Helsinki is UTC+3: every crossing below at 06:00-10:00Z is on its UTC date locally. */
  private static final Object[][] ROWS = {
      event("e1", "2022-09-20T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 0),   // Tue, W38
      event("e2", "2022-09-21T10:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 1),    // Wed, W38
      event("e3", "2022-09-26T10:00:00Z", "FI", "ENTRY", "RU", "t1", "f1", 2),   // Mon, W39
      event("e4", "2022-10-04T10:00:00Z", "FI", "EXIT", "RU", "t1", "f1", 3),    // Tue, W40
      event("e5", "2022-09-22T10:00:00Z", "FI", "ENTRY", "RU", "t2", "f1", 4),   // Thu, W38, never leaves
      // t3 commutes: in, out and in again at one point on Thursday.
      event("e7", "2022-09-22T06:00:00Z", "FI", "ENTRY", "RU", "t3", "f1", 5),
      event("e8", "2022-09-22T07:00:00Z", "FI", "EXIT", "RU", "t3", "f1", 6),
      event("e9", "2022-09-22T08:00:00Z", "FI", "ENTRY", "RU", "t3", "f1", 7),
      event("e6", "2022-09-23T10:00:00Z", "FI", "EXIT", "XX", "t1", "f1", 8),    // rejected: not a country
      event("e1", "2022-09-24T10:00:00Z", "FI", "EXIT", "RU", "t1", "f2", 0)};   // duplicate of e1

  private static Dataset<Row> pass(int partitions, Object[]... rows) {
    return RawFixtures.pass(Deduplication.classifyEvents(RawFixtures.validated(events(rows))), partitions, WINDOWS);
  }

  private static List<String> ofKind(Dataset<Row> pass, ByTraveller.Kind kind, String... columns) {
    return sorted(ByTraveller.ofKind(pass, kind).selectExpr(columns));
  }

  @Test
  void eachCrossingAddsToItsDayRowAndATravellersCrossingsOfADayRowAreOnePerson() {
    assertEquals(lines(
            "[2022-09-20,ENTRY,1,1]", "[2022-09-21,EXIT,1,1]", "[2022-09-22,ENTRY,3,2]", "[2022-09-22,EXIT,1,1]",
            "[2022-09-26,ENTRY,1,1]", "[2022-10-04,EXIT,1,1]"),
        sorted(DailyRows.fromEvents(pass(3, ROWS)).select("date", "direction", "crossings", DailyRows.PERSONS)));
  }

  @Test
  void weeksCountPersonsOnceAndPresenceRunsFromAnEntryToTheNextCrossing() {
    // W38: t1 enters and leaves, t2 enters, t3 enters and leaves and enters: 3 entered, 2 exited, 2 more present.
    // W39: t1 enters again. W40: t1 leaves: present from W39's entry until this week.
    assertEquals(lines("[2022-09-19,3,2,2]", "[2022-09-26,1,0,1]", "[2022-10-03,0,1,-1]"),
        sorted(ByTraveller.ofKind(pass(3, ROWS), ByTraveller.Kind.WEEK).groupBy("day").sum("n1", "n2", "n3")
            .selectExpr("date_from_unix_date(day)", "`sum(n1)`", "`sum(n2)`", "`sum(n3)`")));
  }

  @Test
  void aCohortMemberIsTheTravellersFirstEntryInTheWindowWithTheFirstExitAfterIt() {
    // t1's entry on the 20th is before the window; t2 never leaves; t3 leaves an hour after entering.
    assertEquals(lines("[2022-09-22,2022-09-22,M,1990]", "[2022-09-22,null,M,1990]",
            "[2022-09-26,2022-10-04,M,1990]"),
        ofKind(pass(3, ROWS), ByTraveller.Kind.COHORT, "date_from_unix_date(day)",
            "date_from_unix_date(next_exit_day)", "sex", "birth_year"));
  }

  @Test
  void everyRowIsCountedByStatusAndARejectedRowKeepsItsReasonAndFile() {
    Dataset<Row> pass = pass(3, ROWS);
    assertEquals(lines("[ev,8,1,1]"),
        sorted(ByTraveller.ofKind(pass, ByTraveller.Kind.STATUS).groupBy("source").sum("n1", "n2", "n3")));
    assertEquals(lines("[ev,f1,citizenship 'XX' is not an ISO 3166-1 alpha-2 country code]"),
        ofKind(pass, ByTraveller.Kind.REJECTED, "source", "input_file", "reject_reason"));
  }

  @Test
  void theResultDoesNotDependOnTheRowsOrderOrTheNumberOfPartitions() {
    // Two crossings of one traveller at one instant are ordered by their id's hash, the same in every run.
    List<Object[]> rows = new ArrayList<>(List.of(ROWS));
    rows.add(event("s1", "2022-09-27T10:00:00Z", "FI", "EXIT", "RU", "t2", "f1", 9));
    rows.add(event("s2", "2022-09-27T10:00:00Z", "FI", "ENTRY", "RU", "t2", "f1", 10));
    List<String> expected = summary(pass(3, rows.toArray(Object[][]::new)));
    Collections.reverse(rows);
    assertEquals(expected, summary(pass(1, rows.toArray(Object[][]::new))));
    assertEquals(expected, summary(pass(5, rows.toArray(Object[][]::new))));
  }

  private static List<String> summary(Dataset<Row> pass) {
    List<String> out = new ArrayList<>(sorted(DailyRows.fromEvents(pass)));
    out.addAll(sorted(ByTraveller.ofKind(pass, ByTraveller.Kind.WEEK).groupBy("day").sum("n1", "n2", "n3")));
    out.addAll(ofKind(pass, ByTraveller.Kind.COHORT, "day", "next_exit_day", "traveller_key"));
    return out;
  }
}
