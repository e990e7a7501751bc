package org.borderflow.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * An event whose exodus is estimated: the ISO weeks from the week of {@code eventDate} to the week of
 * {@code windowEnd} form the window, the {@code baselineWeeks} ISO weeks before the event's week the pre-event
 * baseline. {@code baselineMethod} is the baseline of exodus_estimates (every method goes to exodus_sensitivity);
 * {@code priorYears} are the ISO years the same-weeks and seasonal baselines learn from, {@code harmonics} the
 * number of annual sine-cosine pairs of the seasonal regression.
 */
public record EventDefinition(String id, String origin, LocalDate eventDate, LocalDate windowEnd,
                              int baselineWeeks, List<String> destinations, String baselineMethod,
                              List<Integer> priorYears, int harmonics) {

  /** The baselines, in the order exodus_sensitivity lists them. */
  public static final List<String> BASELINE_METHODS = List.of("pre_event", "same_weeks_prior_years", "seasonal_trend");

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
    if (!BASELINE_METHODS.contains(baselineMethod)) {
      throw new ConfigurationException("event " + id + ": baseline-method '" + baselineMethod + "' is not one of "
          + BASELINE_METHODS);
    }
    if (harmonics < 1 || harmonics > 4) {
      throw new ConfigurationException("event " + id + ": seasonal-harmonics must be 1 to 4, got " + harmonics);
    }
    for (int year : priorYears) {
      // A prior year's same weeks must lie wholly before the event, or the baseline would contain the event.
      if (year >= eventDate.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR)) {
        throw new ConfigurationException("event " + id + ": prior-years must be ISO years before the event's, got "
            + year);
      }
    }
    destinations = List.copyOf(destinations);
    priorYears = List.copyOf(priorYears);
  }

  /** An event with the pre-event baseline alone: no prior years, one harmonic. */
  public EventDefinition(String id, String origin, LocalDate eventDate, LocalDate windowEnd, int baselineWeeks,
                         List<String> destinations) {
    this(id, origin, eventDate, windowEnd, baselineWeeks, destinations, BASELINE_METHODS.get(0), List.of(), 1);
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
