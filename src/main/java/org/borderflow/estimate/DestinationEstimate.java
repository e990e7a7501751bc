package org.borderflow.estimate;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The figures of one destination under one baseline, from its weeks in time order (README, "How an estimate is
 * made"): window sums, the baseline's prediction, the excess and its interval. For a destination whose exits are
 * imputed, the imputation is checked on the destinations it learns from ({@link ImputationCheck}): its window exits
 * are corrected by the error the check predicts, and the interval combines the baseline's prediction error with the
 * correction's, as two independent errors with the Welch-Satterthwaite degrees of freedom of their sum.
 *
 * @param baselineSe the standard error of the baseline's prediction, kept for the 'ALL' row
 * @param baselineDf its degrees of freedom, kept for the 'ALL' row
 * @param imputationSe the standard error of the imputation's error (0 for reported exits), kept for the 'ALL' row
 * @param imputationDf its degrees of freedom (null for reported exits)
 * @param baselineMissing the destination has window data but the baseline has none: method {@code no_data}
 */
record DestinationEstimate(long entries, long exits, long net, Double baselineWeeklyNet, Double baselineNet,
                           Double excessNet, Double low, Double high, Double entriesUplift,
                           Double baselineSe, Integer baselineDf, Double imputationSe, Integer imputationDf,
                           boolean baselineMissing) {

  static DestinationEstimate of(String method, List<BaselineWeek> weeks, LocalDate windowStart, int windowWeeks,
                                int harmonics, boolean imputed, double coverage) {
    long entries = 0;
    double exitsWindow = 0;
    Double eventWeekEntries = null;
    for (BaselineWeek w : weeks) {
      if (w.window()) {
        entries += (long) w.entries();
        exitsWindow += w.exits() == null ? 0 : w.exits();
        if (w.eventWeek()) {
          eventWeekEntries = w.entries();
        }
      }
    }
    ImputationCheck check = imputed ? check(weeks) : null;
    // Imputed exits are rounded once, after summing (and correcting), as the published table always did.
    long exits = Math.round(check == null ? exitsWindow : exitsWindow - check.exitsCorrection());
    long net = entries - exits;
    Baselines.Prediction netBaseline = Baselines.predict(method, weeks, BaselineWeek::net, windowStart, windowWeeks,
        harmonics);
    if (netBaseline == null) {
      return new DestinationEstimate(entries, exits, net, null, null, null, null, null, null, null, null, null,
          null, true);
    }
    double excess = net - netBaseline.windowSum();
    Double baselineHalfWidth = halfWidth(netBaseline, coverage);
    Double halfWidth = baselineHalfWidth == null || (imputed && check == null) ? null
        : !imputed ? baselineHalfWidth
        : halfWidthOfSum(netBaseline.se() * netBaseline.se() + check.se() * check.se(),
            spread(netBaseline.se(), netBaseline.df()) + spread(check.se(), check.df()), coverage);
    Baselines.Prediction entriesBaseline = Baselines.predict(method, weeks, w -> w.entries(), windowStart,
        windowWeeks, harmonics);
    Double uplift = eventWeekEntries == null || entriesBaseline == null || !(entriesBaseline.eventWeek() > 0) ? null
        : eventWeekEntries / entriesBaseline.eventWeek() - 1;
    return new DestinationEstimate(entries, exits, net, netBaseline.windowSum() / windowWeeks,
        netBaseline.windowSum(), excess, halfWidth == null ? null : excess - halfWidth,
        halfWidth == null ? null : excess + halfWidth, uplift, baselineHalfWidth == null ? null : netBaseline.se(),
        baselineHalfWidth == null ? null : netBaseline.df(), !imputed ? Double.valueOf(0) : check == null ? null
        : check.se(), check == null ? null : check.df(), false);
  }

  /**
   * The imputation's check for a destination, against its pre-event weekly mean of entries (its ordinary traffic);
   * null without a pre-event week to tell extra arrivals from ordinary ones.
   */
  private static ImputationCheck check(List<BaselineWeek> weeks) {
    OptionalDouble preEvent = weeks.stream().filter(BaselineWeek::preEvent).mapToDouble(BaselineWeek::entries)
        .average();
    return preEvent.isEmpty() ? null : ImputationCheck.of(weeks, preEvent.getAsDouble());
  }

  /** A prediction's share of the Welch-Satterthwaite spread, {@code se^4 / df}. */
  static double spread(double se, int df) {
    return se * se * se * se / df;
  }

  /** Student-t quantile of the coverage times the prediction's standard error; null without a spread. */
  static Double halfWidth(Baselines.Prediction p, double coverage) {
    if (p.se() == null || p.df() < 1) {
      return null;
    }
    return tQuantile(p.df(), coverage) * p.se();
  }

  /**
   * The half-width of a sum of independent predictions, from {@code variance = sum se^2} and
   * {@code spread = sum se^4 / df}: {@code t(coverage, variance^2 / spread) sqrt(variance)}, the Welch-Satterthwaite
   * degrees of freedom of the summed variance. For one prediction it is that prediction's own half-width.
   */
  static double halfWidthOfSum(double variance, double spread, double coverage) {
    return variance == 0 ? 0 : tQuantile(variance * variance / spread, coverage) * Math.sqrt(variance);
  }

  static double tQuantile(double df, double coverage) {
    return new TDistribution(df).inverseCumulativeProbability(1 - (1 - coverage) / 2);
  }
}
