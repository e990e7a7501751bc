package org.borderflow.estimate;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The figures of one destination under one baseline, from its weeks in time order (README, "How an estimate is
 * made"): window sums, the baseline's prediction, the excess and its interval. The interval's half-width combines
 * in quadrature the baseline's prediction error and, for a destination whose exits are imputed, the spread of the
 * excess recomputed with each reporting destination's own exit/entry ratios.
 *
 * @param baselineMissing the destination has window data but the baseline has none: method {@code no_data}
 */
record DestinationEstimate(long entries, long exits, long net, Double baselineWeeklyNet, Double baselineNet,
                           Double excessNet, Double low, Double high, Double entriesUplift,
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
      return new DestinationEstimate(entries, exits, net, null, null, null, null, null, null, true);
    }
    double excess = net - netBaseline.windowSum();
    Double halfWidth = halfWidth(netBaseline, coverage);
    if (imputed && halfWidth != null) {
      Double imputation = imputationHalfWidth(method, weeks, windowStart, windowWeeks, harmonics, coverage);
      halfWidth = imputation == null ? null : Math.hypot(halfWidth, imputation);
    }
    Baselines.Prediction entriesBaseline = Baselines.predict(method, weeks, w -> w.entries(), windowStart,
        windowWeeks, harmonics);
    Double uplift = eventWeekEntries == null || entriesBaseline == null || !(entriesBaseline.eventWeek() > 0) ? null
        : eventWeekEntries / entriesBaseline.eventWeek() - 1;
    return new DestinationEstimate(entries, exits, net, netBaseline.windowSum() / windowWeeks,
        netBaseline.windowSum(), excess, halfWidth == null ? null : excess - halfWidth,
        halfWidth == null ? null : excess + halfWidth, uplift, false);
  }

  /** Student-t quantile of the coverage times the prediction's standard error; null without a spread. */
  static Double halfWidth(Baselines.Prediction p, double coverage) {
    if (p.se() == null || p.df() < 1) {
      return null;
    }
    return tQuantile(p.df(), coverage) * p.se();
  }

  static double tQuantile(int df, double coverage) {
    return new TDistribution(df).inverseCumulativeProbability(1 - (1 - coverage) / 2);
  }

  /**
   * How far the excess moves when the destination's exits follow each reporting destination's ratios instead of
   * the pooled one, in the window and in the baseline alike: the destination is taken to be like one more of them,
   * so the half-width is a prediction interval from their {@code m} excesses, {@code t(m-1) sd sqrt(1 + 1/m)}.
   * Null below two reporting destinations, where there is no spread to measure.
   */
  static Double imputationHalfWidth(String method, List<BaselineWeek> weeks, LocalDate windowStart,
                                    int windowWeeks, int harmonics, double coverage) {
    TreeSet<String> reporting = new TreeSet<>();
    weeks.stream().filter(w -> w.ratios() != null).forEach(w -> reporting.addAll(w.ratios().keySet()));
    if (reporting.size() < 2) {
      return null;
    }
    double[] excesses = new double[reporting.size()];
    int i = 0;
    for (String destination : reporting) {
      double windowNet = 0;
      for (BaselineWeek w : weeks) {
        Double n = w.window() ? w.netAtRatioOf(destination) : null;
        windowNet += n == null ? 0 : n;
      }
      Baselines.Prediction p = Baselines.predict(method, weeks, w -> w.netAtRatioOf(destination), windowStart,
          windowWeeks, harmonics);
      if (p == null) {
        return null;
      }
      excesses[i++] = windowNet - p.windowSum();
    }
    double mean = Baselines.mean(excesses);
    return tQuantile(excesses.length - 1, coverage) * Baselines.sd(excesses, mean)
        * Math.sqrt(1 + 1.0 / excesses.length);
  }
}
