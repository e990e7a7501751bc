package org.borderflow.estimate;

import java.time.LocalDate;
import java.util.Map;

/**
 * One week of one destination as the baselines see it: its roles for the event and its crossings. {@code exits}
 * is observed, or imputed at the pooled ratio; {@code ratios} holds, for a destination whose exits are imputed, the
 * exit/entry ratio of each destination that reports exits in the week, keyed by destination (null otherwise).
 *
 * @param alignedYear the ISO year of a prior-year week whose ISO week number is one of the window's, else null
 */
record BaselineWeek(LocalDate weekStart, boolean window, boolean eventWeek, boolean preEvent, Integer alignedYear,
                    boolean alignedEventWeek, boolean fit, boolean priorYear, double entries, Double exits,
                    Map<String, Double> ratios) {

  /** Net of the week with the exits at a reporting destination's ratio; the pooled one where it had none. */
  Double netAtRatioOf(String destination) {
    Double ratio = ratios == null ? null : ratios.get(destination);
    return ratio == null ? net() : entries - entries * ratio;
  }

  /** Null where the exits could not be imputed (no destination reported exits that week). */
  Double net() {
    return exits == null ? null : entries - exits;
  }
}
