package org.borderflow.persons;

import static org.borderflow.persons.PersonFixtures.accepted;
import static org.borderflow.persons.PersonFixtures.crossing;
import static org.borderflow.persons.PersonFixtures.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.borderflow.weekly.CountedDaily;
import org.borderflow.weekly.CrossingsDaily;
import org.borderflow.weekly.NetRemainingWeekly;
import org.junit.jupiter.api.Test;

class WeeklyPersonsTest extends SparkTestBase {

  @Test
  void presenceRunsFromAnEntrysLocalWeekToTheWeekOfTheNextCrossing() {
    // Tbilisi is UTC+4. W38 = 19-25 Sep, W39 = 26 Sep - 2 Oct, W40 = 3-9 Oct 2022.
    Dataset<Row> weeks = WeeklyPersons.of(pass(accepted(
        crossing("e01", "2022-09-19T06:00:00Z", "t1", "ENTRY"),
        crossing("e02", "2022-10-02T19:30:00Z", "t1", "EXIT"),   // Sunday 23:30 local: still W39
        crossing("e03", "2022-09-25T21:00:00Z", "t2", "ENTRY"),  // Sunday in UTC, Monday 01:00 local: W39
        crossing("e04", "2022-09-20T10:00:00Z", "t3", "EXIT"),   // was there before the data began
        crossing("e05", "2022-09-28T10:00:00Z", "t3", "ENTRY"),
        crossing("e06", "2022-10-04T10:00:00Z", "t3", "ENTRY"),  // a second entry: still one person present
        crossing("e07", "2022-09-21T10:00:00Z", "t4", "ENTRY"),
        crossing("e08", "2022-09-21T10:00:01Z", "t4", "EXIT"))));
    assertEquals(lines(
            "[2022,38,2022-09-19,2,2,1]",
            "[2022,39,2022-09-26,2,1,2]",
            "[2022,40,2022-10-03,1,0,2]"),
        sorted(weeks.select("iso_year", "iso_week", "week_start", "persons_entered", "persons_exited",
            "present_at_week_end")));
  }

  @Test
  void personColumnsComeFromTheFirstCountedEventSourceAndSmallCountsAreSuppressed() {
    Dataset<Row> personWeeks = WeeklyPersons.of(pass(accepted(
        crossing("e1", "2022-09-20T08:00:00Z", "a1", "ENTRY"),
        crossing("e2", "2022-09-20T09:00:00Z", "a2", "ENTRY"),
        crossing("e3", "2022-09-20T10:00:00Z", "a0", "EXIT"),
        crossing("e4", "2022-09-27T08:00:00Z", "a1", "EXIT"),
        crossing("e5", "2022-10-04T08:00:00Z", "a2", "EXIT"),
        // A second event source for Georgia: its ids cannot be matched with ge's, and ge ranks first by name.
        crossing("ge2", "x1", "2022-09-21T08:00:00Z", "GE", "b1", "RU", "ENTRY", "F", 1980))));
    Dataset<Row> weekly = NetRemainingWeekly.build(CrossingsDaily.build(df(CountedDaily.SCHEMA,
        row("ge", date("2022-09-20"), "GE", "P1", "LAND", "RU", "ENTRY", 2L, 2L),
        row("ge", date("2022-09-20"), "GE", "P1", "LAND", "RU", "EXIT", 1L, 1L),
        row("ge", date("2022-09-27"), "GE", "P1", "LAND", "RU", "EXIT", 1L, 1L),
        // W40 in Georgia was counted from a count source (precedence set the events aside): no persons.
        row("gx", date("2022-10-04"), "GE", null, null, "RU", "EXIT", 1L, null),
        row("fx", date("2022-09-20"), "FI", null, null, "RU", "ENTRY", 100L, null)), 1));
    Dataset<Row> published = WeeklyPersons.withPersons(weekly, personWeeks, 1);
    assertEquals(lines(
            "[GE,2022-W38,ge,2,1,2,false]",
            "[GE,2022-W39,ge,null,1,1,true]",
            "[GE,2022-W40,gx,null,null,null,false]",
            "[FI,2022-W38,fx,null,null,null,false]"),
        sorted(published.select("reporting_country", "week_label", "sources", "persons_entered", "persons_exited",
            "present_at_week_end", "persons_suppressed")));
    List<String> expectedColumns = new ArrayList<>(List.of(NetRemainingWeekly.COLUMNS));
    expectedColumns.addAll(List.of(WeeklyPersons.COLUMNS));
    assertEquals(expectedColumns, List.of(published.columns()), "contract columns first, person columns added");
  }

  /**
   * present_at_week_end, persons_entered and persons_exited against plain loops on a few thousand random crossings:
   * two sources sharing traveller ids, two countries (Helsinki with its October clock change, Tbilisi), crossings
   * piled up around local midnight between Sunday and Monday, repeated directions, ties at the same second and
   * travellers changing passports.
   */
  @Test
  void presentAtWeekEndEqualsABruteForceCountOnGeneratedCrossings() {
    SplittableRandom random = new SplittableRandom(20220921L);
    List<Gen> generated = new ArrayList<>();
    LocalDate firstMonday = LocalDate.parse("2022-08-01");
    int id = 0;
    for (int t = 0; t < 300; t++) {
      String source = random.nextBoolean() ? "s1" : "s2";
      String country = random.nextInt(3) == 0 ? "FI" : "GE";
      ZoneId zone = ZoneId.of(PersonFixtures.ZONES.get(country));
      String citizenship = random.nextInt(4) == 0 ? "BY" : "RU";
      int crossings = 1 + random.nextInt(20);
      Instant previous = null;
      boolean entry = random.nextBoolean();
      for (int c = 0; c < crossings; c++) {
        Instant at;
        if (previous != null && random.nextInt(40) == 0) {
          at = previous;
        } else if (random.nextInt(3) == 0) {
          LocalDate monday = firstMonday.plusWeeks(random.nextInt(15));
          at = monday.atStartOfDay(zone).toInstant().plusSeconds(random.nextInt(7200) - 3600);
        } else {
          at = firstMonday.atStartOfDay(zone).toInstant().plusSeconds(random.nextLong(105L * 86_400));
        }
        previous = at;
        entry = random.nextInt(4) == 0 ? random.nextBoolean() : !entry;
        String passport = random.nextInt(20) == 0 ? (citizenship.equals("RU") ? "BY" : "RU") : citizenship;
        generated.add(new Gen(source, String.format("e%05d", id++), at, country, zone, "t" + t, passport,
            entry ? "ENTRY" : "EXIT"));
      }
    }
    List<Object[]> rows = generated.stream().map(g -> crossing(g.source, g.id, g.at.toString(), g.country,
        g.traveller, g.citizenship, g.direction, "M", 1990)).toList();
    assertTrue(rows.size() > 2_000, "a few thousand crossings: " + rows.size());

    Map<String, long[]> expected = bruteForce(generated, idHashes(generated));
    Map<String, long[]> actual = new HashMap<>();
    for (Row r : WeeklyPersons.of(pass(accepted(rows))).collectAsList()) {
      actual.put(key(r.getAs("source"), r.getAs("reporting_country"), r.getAs("citizenship"),
              ((java.sql.Date) r.getAs("week_start")).toLocalDate()),
          new long[] {r.getAs("persons_entered"), r.getAs("persons_exited"), r.getAs("present_at_week_end")});
    }
    int compared = 0;
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      long[] want = e.getValue();
      boolean crossedThatWeek = want[0] + want[1] > 0;
      long[] got = actual.get(e.getKey());
      if (got == null) {
        assertTrue(!crossedThatWeek, "a week with crossings has a row: " + e.getKey());
        continue;
      }
      assertEquals(List.of(want[0], want[1], want[2]), List.of(got[0], got[1], got[2]), e.getKey());
      compared++;
    }
    assertTrue(expected.keySet().containsAll(actual.keySet()), "no row for a week outside the data");
    assertTrue(compared > 100, "weeks compared: " + compared);
  }

  private record Gen(String source, String id, Instant at, String country, ZoneId zone, String traveller,
                     String citizenship, String direction) {}

  private static String key(String source, String country, String citizenship, LocalDate monday) {
    return source + "/" + country + "/" + citizenship + "/" + monday;
  }

  /** The hash of (source, event_id) that orders a traveller's crossings at one instant, as the pass does. */
  private static Map<String, Long> idHashes(List<Gen> crossings) {
    Map<String, Long> out = new HashMap<>();
    spark.createDataFrame(crossings.stream().map(g -> org.apache.spark.sql.RowFactory.create(g.source, g.id))
                .toList(), new org.apache.spark.sql.types.StructType().add("source", "string").add("id", "string"))
        .selectExpr("source", "id", "xxhash64(source, id)").collectAsList()
        .forEach(r -> out.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
    return out;
  }

  /**
   * For every week and series: distinct entrants and leavers, and who is in after Sunday 24:00 local time. A
   * traveller's crossings at one instant are taken in the order of their id's hash.
   */
  private static Map<String, long[]> bruteForce(List<Gen> crossings, Map<String, Long> idHash) {
    Map<String, List<Gen>> byTraveller = new HashMap<>();
    TreeSet<LocalDate> mondays = new TreeSet<>();
    Map<String, Set<String>> entered = new HashMap<>();
    Map<String, Set<String>> exited = new HashMap<>();
    for (Gen g : crossings) {
      byTraveller.computeIfAbsent(g.source + "/" + g.country + "/" + g.traveller, k -> new ArrayList<>()).add(g);
      LocalDate monday = g.at.atZone(g.zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      mondays.add(monday);
      String week = key(g.source, g.country, g.citizenship, monday);
      (g.direction.equals("ENTRY") ? entered : exited).computeIfAbsent(week, k -> new HashSet<>()).add(g.traveller);
    }
    Map<String, long[]> out = new HashMap<>();
    for (LocalDate monday : mondays) {
      for (List<Gen> timeline : byTraveller.values()) {
        timeline.sort(Comparator.comparing(Gen::at).thenComparing(g -> idHash.get(g.source + "/" + g.id)));
        Instant weekEnds = monday.plusDays(7).atStartOfDay(timeline.get(0).zone).toInstant();
        Gen latest = null;
        for (Gen g : timeline) {
          if (g.at.isBefore(weekEnds)) {
            latest = g;
          }
        }
        if (latest != null && latest.direction.equals("ENTRY")) {
          out.computeIfAbsent(key(latest.source, latest.country, latest.citizenship, monday), k -> new long[3])[2]++;
        }
      }
    }
    entered.forEach((week, who) -> out.computeIfAbsent(week, k -> new long[3])[0] = who.size());
    exited.forEach((week, who) -> out.computeIfAbsent(week, k -> new long[3])[1] = who.size());
    return out;
  }
}
