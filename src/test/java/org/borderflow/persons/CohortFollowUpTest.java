package org.borderflow.persons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.borderflow.persons.PersonFixtures.accepted;
import static org.borderflow.persons.PersonFixtures.crossing;
import static org.borderflow.persons.PersonFixtures.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.borderflow.config.EventDefinition;
import org.junit.jupiter.api.Test;

class CohortFollowUpTest extends SparkTestBase {

  // Window W38-W39 (19 Sep - 2 Oct 2022), baseline W34-W37 (22 Aug - 18 Sep). Tbilisi is UTC+4.
  static final EventDefinition EVENT = new EventDefinition("ev", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-10-02"), 4, List.of("GE", "AM"));

  private static Object[] ge(String id, String instant, String traveller, String citizenship, String direction,
                             String sex, Integer birthYear) {
    return crossing("ge", id, instant, "GE", traveller, citizenship, direction, sex, birthYear);
  }

  @Test
  void theFirstEntryInTheWindowStartsFollowUpUntilTheNextExitOrTheEndOfTheData() {
    Dataset<Row> followUp = CohortFollowUp.of(pass(accepted(
        ge("e01", "2022-09-20T10:00:00Z", "t1", "RU", "ENTRY", "M", 1990),
        ge("e02", "2022-09-25T10:00:00Z", "t1", "RU", "EXIT", "M", 1990),
        ge("e03", "2022-09-27T10:00:00Z", "t1", "RU", "ENTRY", "M", 1990),  // a second entry starts nothing
        ge("e04", "2022-09-10T10:00:00Z", "t2", "RU", "ENTRY", "F", null),   // baseline entrant ...
        ge("e05", "2022-09-22T10:00:00Z", "t2", "RU", "ENTRY", "F", null),   // ... and event entrant
        ge("e06", "2022-09-20T10:00:00Z", "t3", "BY", "ENTRY", "M", 1990),   // not the origin's citizen
        ge("e07", "2022-10-03T10:00:00Z", "t4", "RU", "ENTRY", "M", 1990),   // after the window
        ge("e08", "2022-09-20T10:00:00Z", "t5", "RU", "EXIT", null, 2004),   // was in Georgia already
        ge("e09", "2022-09-21T10:00:00Z", "t5", "RU", "ENTRY", null, 2004),
        ge("e10", "2022-09-18T20:30:00Z", "t6", "RU", "ENTRY", "M", 1967),   // 00:30 on Monday 19 Sep local
        ge("e11", "2022-09-18T21:00:00Z", "t6", "RU", "EXIT", "M", 1967),    // and out the same night
        ge("e12", "2022-10-30T19:00:00Z", "t9", "DE", "EXIT", "F", 1980)),  // the data's last local day
        List.of(EVENT)), List.of(EVENT)).drop("traveller_id");
    assertEquals(lines(
            "[ev,RU,GE,ge,2022-09-19,2022-10-02,2022-08-22,2022-09-18,2022-10-30,event,M,25-39,5,true]",
            "[ev,RU,GE,ge,2022-09-19,2022-10-02,2022-08-22,2022-09-18,2022-10-30,event,F,unknown,38,false]",
            "[ev,RU,GE,ge,2022-09-19,2022-10-02,2022-08-22,2022-09-18,2022-10-30,baseline,F,unknown,50,false]",
            "[ev,RU,GE,ge,2022-09-19,2022-10-02,2022-08-22,2022-09-18,2022-10-30,event,unknown,18-24,39,false]",
            "[ev,RU,GE,ge,2022-09-19,2022-10-02,2022-08-22,2022-09-18,2022-10-30,event,M,55+,0,true]"),
        sorted(followUp));
  }

  @Test
  void theDailyRowsGiveEachSourceTheSameLastDateAsItsEvents() {
    Dataset<Row> events = accepted(
        ge("e1", "2022-09-20T10:00:00Z", "t1", "RU", "ENTRY", "M", 1990),
        ge("e2", "2022-10-30T19:00:00Z", "t1", "RU", "EXIT", "M", 1990),   // 23:00 local: still 30 Oct
        ge("e3", "2022-10-30T20:30:00Z", "t2", "RU", "ENTRY", "M", 1990),  // 00:30 on 31 Oct local
        crossing("fi", "f1", "2022-10-01T10:00:00Z", "FI", "t1", "RU", "ENTRY", "F", 1985));
    assertEquals(lines("[fi,FI,2022-10-01]", "[ge,GE,2022-10-31]"),
        sorted(CohortFollowUp.dataEnd(org.borderflow.ingest.DailyRows.fromEvents(pass(events)))));
  }

  @Test
  void ageBandsAreTheAgeReachedInTheEventYear() {
    Dataset<Row> ages = spark.range(1).selectExpr("2022 - 17 as a", "2022 - 18 as b", "2022 - 24 as c",
        "2022 - 25 as d", "2022 - 39 as e", "2022 - 40 as f", "2022 - 54 as g", "2022 - 55 as h",
        "cast(null as int) as i");
    Row bands = ages.select(Arrays.stream(ages.columns())
        .map(c -> CohortFollowUp.ageBand(lit(2022).minus(col(c))))
        .toArray(Column[]::new)).first();
    assertEquals("[0-17,18-24,18-24,25-39,25-39,40-54,40-54,55+,unknown]", bands.toString());
  }

  @Test
  void withoutEventDataThePersonTablesAreEmptyWithTheirColumns() {
    Dataset<Row> timeline = pass(accepted(List.of()), List.of(EVENT));
    Dataset<Row> followUp = CohortFollowUp.of(timeline, List.of(EVENT));
    Dataset<Row> cohorts = ExodusCohorts.build(followUp, List.of(7, 30), 0.95, 10);
    Dataset<Row> groups = ExodusByGroup.build(followUp, List.of(7, 30), 0.95, 10);
    assertEquals(0, WeeklyPersons.of(timeline).count() + cohorts.count() + groups.count());
    assertEquals(List.of(ExodusCohorts.COLUMNS), List.of(cohorts.columns()));
    assertEquals(List.of(ExodusByGroup.COLUMNS), List.of(groups.columns()));
  }
}
