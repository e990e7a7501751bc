package org.borderflow.estimate;

import java.time.LocalDate;
import java.util.List;

/**
 * One week of one destination as the baselines see it: its roles for the event and its crossings. {@code exits}
 * is observed, or imputed ({@link ExitImputation}); {@code pool} holds, for a destination whose exits are imputed,
 * the week's reporting destinations they were imputed from (null otherwise).
 *
 * @param alignedYear the ISO year of a prior-year week whose ISO week number is one of the window's, else null
 */
record BaselineWeek(LocalDate weekStart, boolean window, boolean eventWeek, boolean preEvent, Integer alignedYear,
                    boolean alignedEventWeek, boolean fit, boolean priorYear, double entries, Double exits,
                    List<ExitImputation.Member> pool) {

  /** The same week of a pool member, with its own entries and the given exits. */
  BaselineWeek of(ExitImputation.Member member, Double memberExits) {
    return new BaselineWeek(weekStart, window, eventWeek, preEvent, alignedYear, alignedEventWeek, fit, priorYear,
        member.entries(), memberExits, null);
  }

  /** The same week with another destination's entries and exits added: the week of a sum of destinations. */
  BaselineWeek plus(BaselineWeek other) {
    return new BaselineWeek(weekStart, window, eventWeek, preEvent, alignedYear, alignedEventWeek, fit, priorYear,
        entries + other.entries, exits == null || other.exits == null ? null : exits + other.exits, null);
  }

  /** Null where the exits could not be imputed (no destination reported exits that week). */
  Double net() {
    return exits == null ? null : entries - exits;
  }
}
