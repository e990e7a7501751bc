package org.borderflow.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated scenario of the coverage benchmark, made in memory: the weekly entries and exits of the shock's
 * origin citizens at each destination, as net_remaining_weekly would hold them, and the known truth the estimate is
 * judged against. The days come from the same {@link TrafficModel} as the landing zones of {@code generate.sh}; a
 * landing zone's event sources add up to exactly these daily counts per local day, so aggregating here skips
 * writing and re-reading events without changing a single weekly figure. The entries-only country has its exits
 * withheld, as its source does.
 */
public final class Scenario {

  /** A week of one destination: Monday, entries, exits (0 where the destination publishes entries only). */
  public record Week(String destination, LocalDate weekStart, long entries, long exits) {}

  public static final String ORIGIN = TrafficModel.SHOCK_ORIGIN;

  private final List<Week> weeks = new ArrayList<>();
  private final Map<String, Long> truth = new LinkedHashMap<>();

  private Scenario() {}

  /**
   * Days from {@code firstDay} to {@code windowLastDay}; the shock on {@code shockDate} with {@code shockScale}
   * times the usual extra arrivals; about {@code crossingsPerDay} crossings a day over the event countries. Weeks
   * start on the first Monday after the longest stay has passed, so no week misses the exits of trips that began
   * before the data. The truth is the shock's arrivals from the Monday of the shock's week to
   * {@code windowLastDay} still present at its end.
   */
  public static Scenario generate(long seed, double shockScale, double crossingsPerDay, LocalDate firstDay,
                                  LocalDate shockDate, LocalDate windowLastDay, List<String> destinations) {
    int days = (int) ChronoUnit.DAYS.between(firstDay, windowLastDay) + 1;
    int shockDay = (int) ChronoUnit.DAYS.between(firstDay, shockDate);
    TrafficModel model = new TrafficModel(seed, firstDay, days, shockDay, shockScale);
    model.scaleTo(crossingsPerDay);
    int origin = Geography.citizenship(ORIGIN);
    LocalDate firstMonday = firstDay.plusDays(TrafficModel.MAX_STAY).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    int windowFirstDay = (int) ChronoUnit.DAYS.between(firstDay,
        shockDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    Scenario s = new Scenario();
    for (String destination : destinations) {
      int country = Geography.country(destination);
      boolean entriesOnly = destination.equals(Geography.ENTRIES_ONLY);
      for (LocalDate monday = firstMonday; !monday.plusDays(6).isAfter(windowLastDay); monday = monday.plusWeeks(1)) {
        long entries = 0;
        long exits = 0;
        int first = (int) ChronoUnit.DAYS.between(firstDay, monday);
        for (int d = first; d < first + 7; d++) {
          long[] counts = model.entriesAndExits(country, origin, d);
          entries += counts[0];
          exits += counts[1];
        }
        s.weeks.add(new Week(destination, monday, entries, entriesOnly ? 0 : exits));
      }
      s.truth.put(destination, model.shockArrivalsStillPresent(country, windowFirstDay, days - 1));
    }
    return s;
  }

  public List<Week> weeks() {
    return weeks;
  }

  /** Per destination: the shock's arrivals in the window still present at its end. */
  public Map<String, Long> truth() {
    return truth;
  }
}
