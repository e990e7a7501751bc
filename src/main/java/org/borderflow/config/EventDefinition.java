package org.borderflow.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * An event whose exodus is estimated: the ISO weeks from the week of {@code eventDate} to the week of
 * {@code windowEnd} form the window, the {@code baselineWeeks} ISO weeks before the event's week the baseline.
 */
public record EventDefinition(String id, String origin, LocalDate eventDate, LocalDate windowEnd,
                              int baselineWeeks, List<String> destinations) {

  public EventDefinition {
    if (windowEnd.isBefore(eventDate)) {
      throw new ConfigurationException("event " + id + ": window-end " + windowEnd + " is before event-date " + eventDate);
    }
    if (baselineWeeks < 1) {
      throw new ConfigurationException("event " + id + ": baseline-weeks must be at least 1, got " + baselineWeeks);
    }
    if (destinations.isEmpty()) {
      throw new ConfigurationException("event " + id + ": destinations is empty");
    }
    destinations = List.copyOf(destinations);
  }

  /** Monday of the event's ISO week. */
  public LocalDate windowStart() {
    return eventDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Sunday of the ISO week holding window-end. */
  public LocalDate windowLastDay() {
    return windowEnd.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
  }

  /** Monday of the first baseline week. */
  public LocalDate baselineStart() {
    return windowStart().minusWeeks(baselineWeeks);
  }

  public int windowWeeks() {
    return (int) ((windowLastDay().toEpochDay() - windowStart().toEpochDay() + 1) / 7);
  }
}
