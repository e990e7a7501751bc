package org.borderflow.estimate;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The three baselines of an estimate, as plain functions of one destination's weeks (README, "Baselines"). Each
 * predicts what a weekly quantity (net, or entries) would have summed to over the window's weeks without the event,
 * with the standard error of that prediction's error and its degrees of freedom, or gives nothing where its data is
 * missing: no data is never a zero.
 */
final class Baselines {

  static final String PRE_EVENT = "pre_event";
  static final String SAME_WEEKS = "same_weeks_prior_years";
  static final String SEASONAL = "seasonal_trend";

  /** Weeks of a mean year: the period of the annual harmonics. */
  static final double WEEKS_PER_YEAR = 365.2425 / 7;

  /**
   * A baseline's prediction for the window: {@code windowSum} over its weeks, {@code eventWeek} for the event's
   * week alone, {@code se} the standard error of the window sum's prediction error (null when the data gives no
   * spread) with {@code df} degrees of freedom for the Student-t quantile.
   */
  record Prediction(double windowSum, double eventWeek, Double se, int df) {}

  private Baselines() {}

  /**
   * The prediction of {@code method} for the window of {@code windowWeeks} weeks starting {@code windowStart};
   * null where the method has no data.
   */
  static Prediction predict(String method, List<BaselineWeek> weeks, Function<BaselineWeek, Double> value,
                            LocalDate windowStart, int windowWeeks, int harmonics) {
    return switch (method) {
      case PRE_EVENT -> preEvent(weeks, value, windowWeeks);
      case SAME_WEEKS -> sameWeeks(weeks, value, windowWeeks);
      case SEASONAL -> seasonalTrend(weeks, value, windowStart, windowWeeks, harmonics);
      default -> throw new IllegalArgumentException("unknown baseline method " + method);
    };
  }

  /**
   * Mean of the pre-event weeks times the window's weeks. The sum of {@code W} future weeks varies by {@code W s²}
   * around its mean, and the mean of {@code n} weeks adds {@code W² s² / n}. That spread cannot see the season
   * between the pre-event weeks and the window, so the method is also tried where its error is known: in each prior
   * year with every week of the pre-event and window ISO week numbers, the pre-event weeks' mean times {@code W}
   * predicts the window weeks' sum, and misses by {@code d_y}. Each of those {@code k} errors is one more squared
   * deviation of a prediction: {@code se² = ((n - 1) s² (W + W²/n) + Σ d_y²) / (n - 1 + k)}, with
   * {@code n - 1 + k} degrees of freedom. Without prior years it is the pre-event weeks' spread alone.
   */
  static Prediction preEvent(List<BaselineWeek> weeks, Function<BaselineWeek, Double> value, int windowWeeks) {
    double[] v = values(weeks.stream().filter(BaselineWeek::preEvent).toList(), value);
    if (v.length == 0) {
      return null;
    }
    double mean = mean(v);
    if (v.length < 2) {
      return new Prediction(mean * windowWeeks, mean, null, 0);
    }
    double s = sd(v, mean);
    double squares = (v.length - 1) * s * s * (windowWeeks + (double) windowWeeks * windowWeeks / v.length);
    int df = v.length - 1;
    for (double d : priorYearErrors(weeks, value, windowWeeks)) {
      squares += d * d;
      df++;
    }
    return new Prediction(mean * windowWeeks, mean, Math.sqrt(squares / df), df);
  }

  /**
   * The pre-event baseline's errors in the prior years: per year with a value in every ISO week of the pre-event
   * weeks and of the window, the window weeks' sum minus {@code W} times the pre-event weeks' mean.
   */
  static List<Double> priorYearErrors(List<BaselineWeek> weeks, Function<BaselineWeek, Double> value,
                                      int windowWeeks) {
    TreeSet<Integer> preNumbers = new TreeSet<>();
    TreeSet<Integer> windowNumbers = new TreeSet<>();
    for (BaselineWeek w : weeks) {
      if (w.preEvent()) {
        preNumbers.add(isoWeek(w.weekStart()));
      }
      if (w.window()) {
        windowNumbers.add(isoWeek(w.weekStart()));
      }
    }
    Map<Integer, Map<Integer, Double>> byYear = new TreeMap<>();
    for (BaselineWeek w : weeks) {
      Double x = w.priorYear() ? value.apply(w) : null;
      if (x != null) {
        byYear.computeIfAbsent(isoYear(w.weekStart()), y -> new TreeMap<>()).put(isoWeek(w.weekStart()), x);
      }
    }
    List<Double> errors = new ArrayList<>();
    if (preNumbers.isEmpty() || windowNumbers.size() != windowWeeks) {
      return errors;
    }
    for (Map<Integer, Double> year : byYear.values()) {
      if (year.keySet().containsAll(preNumbers) && year.keySet().containsAll(windowNumbers)) {
        double pre = 0;
        for (int n : preNumbers) {
          pre += year.get(n);
        }
        double window = 0;
        for (int n : windowNumbers) {
          window += year.get(n);
        }
        errors.add(window - windowWeeks * pre / preNumbers.size());
      }
    }
    return errors;
  }

  /**
   * Mean over the prior years of the sum of their weeks with the window's ISO week numbers. A year counts only with
   * all of those weeks: a partial year's sum would be too low. The years are the sample: the next year's sum varies
   * by their variance, and their mean adds a {@code k}-th of it.
   */
  static Prediction sameWeeks(List<BaselineWeek> weeks, Function<BaselineWeek, Double> value, int windowWeeks) {
    Map<Integer, List<BaselineWeek>> byYear = new TreeMap<>();
    for (BaselineWeek w : weeks) {
      if (w.alignedYear() != null && value.apply(w) != null) {
        byYear.computeIfAbsent(w.alignedYear(), y -> new ArrayList<>()).add(w);
      }
    }
    List<Double> sums = new ArrayList<>();
    List<Double> eventWeeks = new ArrayList<>();
    for (List<BaselineWeek> year : byYear.values()) {
      if (year.size() == windowWeeks) {
        sums.add(sum(values(year, value)));
        year.stream().filter(BaselineWeek::alignedEventWeek).forEach(w -> eventWeeks.add(value.apply(w)));
      }
    }
    if (sums.isEmpty()) {
      return null;
    }
    double[] s = sums.stream().mapToDouble(Double::doubleValue).toArray();
    double mean = mean(s);
    Double se = s.length < 2 ? null : sd(s, mean) * Math.sqrt(1 + 1.0 / s.length);
    double eventWeek = eventWeeks.isEmpty() ? Double.NaN
        : mean(eventWeeks.stream().mapToDouble(Double::doubleValue).toArray());
    return new Prediction(mean, eventWeek, se, s.length - 1);
  }

  /**
   * Serfling's regression with a level per ISO year: {@code value = a_year + b t + sum_k (c_k cos(2 pi k t / P) +
   * d_k sin(2 pi k t / P))} by ordinary least squares over the fit weeks (every week of the prior years, and the
   * pre-event weeks), {@code t} in weeks from the event's week and {@code P} a mean year. A level per year rather
   * than one intercept: travel between the prior years and the event's moved in steps (visa rules, a pandemic), not
   * along a line, and the event year's own level is learnt from its pre-event weeks; the slope is the trend within
   * a year and the harmonics the season, both learnt from every year. The window sum is predicted at the window's
   * weeks; its error variance is {@code s² (V_W + a' (X'X)^-1 a)}, {@code a} the sum of the window's design rows
   * and {@code V_W} the variance of a sum of {@code W} consecutive weeks' errors in units of one week's
   * ({@link #sumOfWeeks}).
   * Without a prior-year week, or with fewer weeks than two more than the parameters, there is no seasonal baseline.
   */
  static Prediction seasonalTrend(List<BaselineWeek> weeks, Function<BaselineWeek, Double> value,
                                  LocalDate windowStart, int windowWeeks, int harmonics) {
    List<BaselineWeek> fit = weeks.stream().filter(w -> w.fit() && value.apply(w) != null).toList();
    List<Integer> years = fit.stream().map(w -> isoYear(w.weekStart())).distinct().sorted().toList();
    int parameters = years.size() + 1 + 2 * harmonics;
    if (fit.stream().noneMatch(BaselineWeek::priorYear) || fit.size() < parameters + 2) {
      return null;
    }
    // The window's level is its own year's, or the latest fitted year's when no fit week is in its year.
    int windowYear = years.contains(isoYear(windowStart)) ? isoYear(windowStart) : years.get(years.size() - 1);
    double[][] x = new double[fit.size()][];
    double[] y = new double[fit.size()];
    for (int i = 0; i < fit.size(); i++) {
      BaselineWeek w = fit.get(i);
      x[i] = design(years, isoYear(w.weekStart()), weeksFrom(windowStart, w.weekStart()), harmonics);
      y[i] = value.apply(w);
    }
    RealMatrix design = new Array2DRowRealMatrix(x, false);
    DecompositionSolver solver = new QRDecomposition(design, 1e-10).getSolver();
    if (!solver.isNonSingular()) {
      return null;
    }
    RealVector beta = solver.solve(new ArrayRealVector(y, false));
    RealVector residuals = design.operate(beta).subtract(new ArrayRealVector(y, false));
    int df = fit.size() - parameters;
    double s2 = residuals.dotProduct(residuals) / df;
    RealVector a = new ArrayRealVector(parameters);
    for (int j = 0; j < windowWeeks; j++) {
      a = a.add(new ArrayRealVector(design(years, windowYear, j, harmonics), false));
    }
    RealMatrix xtxInverse = new QRDecomposition(design.transpose().multiply(design), 1e-12).getSolver().getInverse();
    double se = Math.sqrt(s2 * (sumOfWeeks(fit, residuals, windowWeeks) + a.dotProduct(xtxInverse.operate(a))));
    double eventWeek = new ArrayRealVector(design(years, windowYear, 0, harmonics), false).dotProduct(beta);
    return new Prediction(a.dotProduct(beta), eventWeek, se, df);
  }

  /**
   * The variance of a sum of {@code W} consecutive weeks' errors in units of one week's, {@code W + 2 Σ_k (W - k) r_k}
   * for lags {@code k = 1 .. W - 1}, never below 0. {@code r_k} is the residuals' autocorrelation at lag {@code k}:
   * the mean product of residuals {@code k} weeks apart (both fitted) over the mean square. Weekly nets are not
   * independent: a week's extra entries leave in the weeks after it, so a week above the fit tends to be followed by
   * one below, and the window's sum varies less than {@code W} independent weeks would.
   */
  static double sumOfWeeks(List<BaselineWeek> fit, RealVector residuals, int windowWeeks) {
    Map<LocalDate, Double> byWeek = new TreeMap<>();
    double squares = 0;
    for (int i = 0; i < fit.size(); i++) {
      byWeek.put(fit.get(i).weekStart(), residuals.getEntry(i));
      squares += residuals.getEntry(i) * residuals.getEntry(i);
    }
    double variance = windowWeeks;
    for (int k = 1; k < windowWeeks && squares > 0; k++) {
      double products = 0;
      int pairs = 0;
      for (Map.Entry<LocalDate, Double> e : byWeek.entrySet()) {
        Double later = byWeek.get(e.getKey().plusWeeks(k));
        if (later != null) {
          products += e.getValue() * later;
          pairs++;
        }
      }
      if (pairs > 0) {
        variance += 2 * (windowWeeks - k) * (products / pairs) / (squares / fit.size());
      }
    }
    return Math.max(0, variance);
  }

  /** One row of the seasonal design: the year's level, {@code t} weeks from the event's week, the harmonics. */
  static double[] design(List<Integer> years, int year, double t, int harmonics) {
    double[] row = new double[years.size() + 1 + 2 * harmonics];
    row[years.indexOf(year)] = 1;
    int next = years.size();
    row[next++] = t;
    for (int k = 1; k <= harmonics; k++) {
      double angle = 2 * Math.PI * k * t / WEEKS_PER_YEAR;
      row[next++] = Math.cos(angle);
      row[next++] = Math.sin(angle);
    }
    return row;
  }

  private static double weeksFrom(LocalDate windowStart, LocalDate weekStart) {
    return (weekStart.toEpochDay() - windowStart.toEpochDay()) / 7.0;
  }

  private static int isoYear(LocalDate date) {
    return date.get(IsoFields.WEEK_BASED_YEAR);
  }

  private static int isoWeek(LocalDate date) {
    return date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  private static double[] values(List<BaselineWeek> weeks, Function<BaselineWeek, Double> value) {
    return weeks.stream().map(value).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
  }

  static double sum(double[] v) {
    double total = 0;
    for (double x : v) {
      total += x;
    }
    return total;
  }

  static double mean(double[] v) {
    return sum(v) / v.length;
  }

  /** Sample standard deviation around {@code mean}. */
  static double sd(double[] v, double mean) {
    double squares = 0;
    for (double x : v) {
      squares += (x - mean) * (x - mean);
    }
    return Math.sqrt(squares / (v.length - 1));
  }
}
