package org.borderflow.estimate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The figures of one destination under one baseline, from its weeks in time order (README, "How an estimate is
 * made"): window sums, the baseline's prediction, the excess and its interval. The interval's half-width combines
 * in quadrature the baseline's prediction error and, for a destination whose exits are imputed, the error the
 * imputation makes on the destinations it learns from when their own exits are hidden.
 *
 * @param baselineSe the standard error of the baseline's prediction, kept for the 'ALL' row
 * @param baselineDf its degrees of freedom, kept for the 'ALL' row
 * @param imputationHalfWidth the imputation's share (0 for reported exits), kept for the 'ALL' row
 * @param baselineMissing the destination has window data but the baseline has none: method {@code no_data}
 */
record DestinationEstimate(long entries, long exits, long net, Double baselineWeeklyNet, Double baselineNet,
                           Double excessNet, Double low, Double high, Double entriesUplift,
                           Double baselineSe, Integer baselineDf, Double imputationHalfWidth,
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
    // Imputed exits are rounded once, after summing, as the published table always did.
    long exits = Math.round(exitsWindow);
    long net = entries - exits;
    Baselines.Prediction netBaseline = Baselines.predict(method, weeks, BaselineWeek::net, windowStart, windowWeeks,
        harmonics);
    if (netBaseline == null) {
      return new DestinationEstimate(entries, exits, net, null, null, null, null, null, null, null, null, null,
          true);
    }
    double excess = net - netBaseline.windowSum();
    Double baselineHalfWidth = halfWidth(netBaseline, coverage);
    Double imputation = !imputed ? Double.valueOf(0)
        : imputationHalfWidth(method, weeks, windowStart, windowWeeks, harmonics, coverage, entries);
    Double halfWidth = baselineHalfWidth == null || imputation == null ? null
        : Math.hypot(baselineHalfWidth, imputation);
    Baselines.Prediction entriesBaseline = Baselines.predict(method, weeks, w -> w.entries(), windowStart,
        windowWeeks, harmonics);
    Double uplift = eventWeekEntries == null || entriesBaseline == null || !(entriesBaseline.eventWeek() > 0) ? null
        : eventWeekEntries / entriesBaseline.eventWeek() - 1;
    return new DestinationEstimate(entries, exits, net, netBaseline.windowSum() / windowWeeks,
        netBaseline.windowSum(), excess, halfWidth == null ? null : excess - halfWidth,
        halfWidth == null ? null : excess + halfWidth, uplift, baselineHalfWidth == null ? null : netBaseline.se(),
        baselineHalfWidth == null ? null : netBaseline.df(), imputation, false);
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

  /**
   * The imputation tested on the destinations it learns from: each reporting destination of the pool is in turn
   * taken for one that publishes entries only, its exits imputed from the others exactly as this destination's
   * are, and its excess under the baseline computed with imputed and with its real exits. Each difference is an
   * observed error of the imputation. Errors grow with a destination's traffic, so they are pooled per window
   * entry, weighted by size as the imputation's own ratios are: {@code sqrt(sum err^2 / sum entries^2)}, times
   * this destination's window entries, is the imputation's standard error, and the half-width {@code t(m-1)} of
   * them. A small destination's error per entry is mostly noise and does not swamp the large ones'. Null below
   * two destinations that can be tested this way.
   */
  static Double imputationHalfWidth(String method, List<BaselineWeek> weeks, LocalDate windowStart,
                                    int windowWeeks, int harmonics, double coverage, double ownWindowEntries) {
    TreeSet<String> pool = new TreeSet<>();
    weeks.stream().filter(w -> w.pool() != null).forEach(w -> w.pool().forEach(m -> pool.add(m.destination())));
    double squares = 0;
    double entrySquares = 0;
    int m = 0;
    for (String destination : pool) {
      List<BaselineWeek> real = new ArrayList<>();
      List<BaselineWeek> imputed = new ArrayList<>();
      for (BaselineWeek w : weeks) {
        if (w.pool() == null) {
          continue;
        }
        for (ExitImputation.Member member : w.pool()) {
          if (member.destination().equals(destination)) {
            real.add(w.of(member, member.exits()));
            imputed.add(w.of(member, ExitImputation.exits(member.entries(), member.preEntries(), w.window(),
                w.pool(), destination)));
          }
        }
      }
      double windowEntries = real.stream().filter(BaselineWeek::window).mapToDouble(BaselineWeek::entries).sum();
      Double realExcess = excess(method, real, windowStart, windowWeeks, harmonics);
      Double imputedExcess = excess(method, imputed, windowStart, windowWeeks, harmonics);
      if (realExcess != null && imputedExcess != null && windowEntries > 0) {
        squares += (imputedExcess - realExcess) * (imputedExcess - realExcess);
        entrySquares += windowEntries * windowEntries;
        m++;
      }
    }
    if (m < 2) {
      return null;
    }
    return tQuantile(m - 1, coverage) * Math.sqrt(squares / entrySquares) * ownWindowEntries;
  }

  /** Window net minus the baseline's prediction; null without a prediction. */
  private static Double excess(String method, List<BaselineWeek> weeks, LocalDate windowStart, int windowWeeks,
                               int harmonics) {
    Baselines.Prediction p = Baselines.predict(method, weeks, BaselineWeek::net, windowStart, windowWeeks,
        harmonics);
    if (p == null) {
      return null;
    }
    double net = weeks.stream().filter(BaselineWeek::window).map(BaselineWeek::net).filter(n -> n != null)
        .mapToDouble(Double::doubleValue).sum();
    return net - p.windowSum();
  }
}
