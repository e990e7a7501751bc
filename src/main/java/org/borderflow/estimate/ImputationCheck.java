package org.borderflow.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The exit imputation tested on the destinations it learns from, and what that test says about one entries-only
 * destination (README, "How an estimate is made", steps 2 and 6).
 *
 * <p>Each reporting destination {@code j} of the pool is in turn taken for one that publishes entries only: its
 * exits are imputed from the others exactly as an entries-only destination's are, and its window exits imputed minus
 * real, {@code x_j}, is an observed error of the imputation. That error is not noise around zero: the marginal ratio
 * mixes the pool's change in ordinary traffic into the extra arrivals' ratio, and a destination errs by one factor
 * of the week times its exposure {@code z_j} ({@link ExitImputation#exposure}), summed over the window's weeks.
 * The exposure is computed against the pool each destination is imputed from: the other destinations for a pool
 * destination, the whole pool for the entries-only one. So {@code x_j = q z_j}, and the entries-only destination's
 * window exits are corrected by {@code q z}.
 *
 * <p>The errors grow with traffic, in two ways: the destinations' own ratios differ in proportion to their window
 * entries {@code E_j}, and counts add noise in proportion to their square root. So
 * {@code var x_j = τ² (φ E_j² + c E_j)}: {@code φ} and {@code c} (neither below zero) are the least-squares fit of
 * the squared residuals per window entry of an unweighted fit of {@code x_j / E_j} on {@code z_j / E_j}, scaled by
 * {@code m / (m - 1)}, on {@code 1} and {@code 1 / E_j}; then {@code q} is fitted by weighted least squares with
 * weights {@code 1 / (φ E_j² + c E_j)}, and {@code τ²} is its weighted squared residuals over {@code m - 1}. The
 * corrected exits' standard error for the destination is
 * {@code τ sqrt(φ E² + c E + z² / Σ (z_j² / (φ E_j² + c E_j)))}, with {@code m - 1} degrees of freedom. The
 * baseline's error is not part of it: the baseline is fitted to the destination's imputed weeks, and its own
 * standard error already measures how they vary. (The README's "Are the intervals right?" tells why: with one
 * slope on extra and one on ordinary entries, the same for every destination, Kazakhstan came out 0.44% low in
 * the simulation, since a pool without its largest shock mixes in more of the ordinary season.)
 *
 * @param exitsCorrection what the imputed window exits are expected to exceed the real ones by
 * @param se the standard error of the corrected exits' error
 * @param df its degrees of freedom
 */
record ImputationCheck(double exitsCorrection, double se, int df) {

  /** One coefficient, and two more destinations for the two terms of the variance. */
  static final int MIN_TESTED = 3;

  /**
   * The check for a destination whose weeks are {@code weeks} (its imputed exits, and each week's pool) and whose
   * pre-event weekly mean of entries is {@code ownPreEntries}; null below {@value #MIN_TESTED} pool destinations
   * that can be tested (each needs a pre-event level, window entries and window exits both ways), or when no
   * destination is exposed.
   */
  static ImputationCheck of(List<BaselineWeek> weeks, double ownPreEntries) {
    TreeSet<String> pool = new TreeSet<>();
    weeks.stream().filter(w -> w.window() && w.pool() != null)
        .forEach(w -> w.pool().forEach(m -> pool.add(m.destination())));
    double ownEntries = 0;
    double ownExposure = 0;
    for (BaselineWeek w : weeks) {
      if (w.window() && w.pool() != null) {
        ownEntries += w.entries();
        ownExposure += ExitImputation.exposure(w.entries(), ownPreEntries, w.pool(), null);
      }
    }
    List<double[]> tested = new ArrayList<>();
    for (String destination : pool) {
      double entries = 0;
      double realExits = 0;
      double imputedExits = 0;
      double exposure = 0;
      boolean complete = true;
      Double preEntries = null;
      for (BaselineWeek w : weeks) {
        if (!w.window() || w.pool() == null) {
          continue;
        }
        for (ExitImputation.Member member : w.pool()) {
          if (member.destination().equals(destination)) {
            Double imputed = ExitImputation.exits(member.entries(), member.preEntries(), true, w.pool(), destination);
            complete &= imputed != null && member.preEntries() != null;
            imputedExits += imputed == null ? 0 : imputed;
            realExits += member.exits();
            entries += member.entries();
            preEntries = member.preEntries();
            exposure += member.preEntries() == null ? 0
                : ExitImputation.exposure(member.entries(), member.preEntries(), w.pool(), destination);
          }
        }
      }
      if (preEntries == null || !(entries > 0) || !complete) {
        continue;
      }
      tested.add(new double[] {entries, exposure, imputedExits - realExits});
    }
    int m = tested.size();
    if (m < MIN_TESTED) {
      return null;
    }
    double[] variance = varianceFunction(tested);
    Slope fit = Slope.of(tested, variance[0], variance[1]);
    if (!(fit.zz > 0)) {
      return null;
    }
    double squares = 0;
    for (double[] t : tested) {
      double r = t[2] - fit.q * t[1];
      squares += r * r / fit.variance(t[0]);
    }
    double s2 = squares / (m - 1);
    double own = fit.variance(ownEntries) + ownExposure * ownExposure / fit.zz;
    return new ImputationCheck(fit.q * ownExposure, Math.sqrt(s2 * own), m - 1);
  }

  /**
   * The weighted least-squares slope through the origin of {@code x_j} on {@code z_j} of the tested destinations'
   * {@code (E_j, z_j, x_j)}, weights {@code 1 / (φ E_j² + c E_j)}; {@code zz} is {@code Σ z_j² / (φ E_j² + c E_j)}.
   */
  private record Slope(double q, double zz, double phi, double c) {

    static Slope of(List<double[]> tested, double phi, double c) {
      double zz = 0;
      double zx = 0;
      for (double[] t : tested) {
        double v = phi * t[0] * t[0] + c * t[0];
        zz += t[1] * t[1] / v;
        zx += t[1] * t[2] / v;
      }
      return new Slope(zz > 0 ? zx / zz : 0, zz, phi, c);
    }

    double variance(double entries) {
      return phi * entries * entries + c * entries;
    }
  }

  /**
   * {@code (φ, c)} of {@code var x_j ∝ φ E_j² + c E_j} from the tested destinations' {@code (E_j, z_j, x_j)}:
   * the squared residuals per window entry of the unweighted fit of {@code x_j / E_j} on {@code z_j / E_j}, times
   * {@code m / (m - 1)}, fitted on {@code 1} and {@code 1 / E_j} by least squares with neither term below zero.
   * Residuals of zero (an exact fit) give {@code (1, 0)}: any weights do then.
   */
  static double[] varianceFunction(List<double[]> tested) {
    int m = tested.size();
    // The unweighted fit of x_j / E_j on z_j / E_j is the fit of x_j on z_j with weights 1 / E_j².
    double q = Slope.of(tested, 1, 0).q;
    double[] u = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      double[] t = tested.get(i);
      double r = (t[2] - q * t[1]) / t[0];
      u[i] = 1 / t[0];
      y[i] = r * r * m / (m - 1);
    }
    // Least squares of y on (1, u): the normal equations of two unknowns.
    double su = 0;
    double suu = 0;
    double sy = 0;
    double suy = 0;
    for (int i = 0; i < m; i++) {
      su += u[i];
      suu += u[i] * u[i];
      sy += y[i];
      suy += u[i] * y[i];
    }
    double det = m * suu - su * su;
    double phi = det > 0 ? (suu * sy - su * suy) / det : sy / m;
    double c = det > 0 ? (m * suy - su * sy) / det : 0;
    if (phi < 0) {
      phi = 0;
      c = suy / suu;
    }
    if (c < 0) {
      c = 0;
      phi = sy / m;
    }
    return phi > 0 || c > 0 ? new double[] {phi, c} : new double[] {1, 0};
  }
}
