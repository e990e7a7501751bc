package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/** The baselines' formulas on hand-made weeks, no Spark: each figure is worked out in the test. */
class BaselinesTest {

  static final LocalDate WINDOW = LocalDate.parse("2022-09-19");

  static BaselineWeek week(LocalDate monday, double net, boolean preEvent, Integer alignedYear, boolean fit,
                           boolean priorYear) {
    return new BaselineWeek(monday, false, false, preEvent, alignedYear, false, fit, priorYear, net + 100, 100.0,
        null);
  }

  /** The four weeks before the window, nets 100, 120, 80 and 100. */
  static List<BaselineWeek> preEventWeeks() {
    List<BaselineWeek> weeks = new ArrayList<>();
    double[] nets = {100, 120, 80, 100};
    for (int i = 0; i < 4; i++) {
      weeks.add(week(WINDOW.minusWeeks(4 - i), nets[i], true, null, true, false));
    }
    return weeks;
  }

  @Test
  void preEventIsTheMeanTimesTheWindowWithThePredictionErrorOfAFutureSum() {
    List<BaselineWeek> weeks = preEventWeeks();
    Baselines.Prediction p = Baselines.preEvent(weeks, BaselineWeek::net, 2);
    assertEquals(200, p.windowSum(), 1e-9);
    assertEquals(Math.sqrt(800 / 3.0) * Math.sqrt(2 + 4 / 4.0), p.se(), 1e-9);
    assertEquals(3, p.df());
  }

  @Test
  void preEventAddsItsErrorsInThePriorYearsAtTheSameIsoWeeksToItsSpread() {
    // Pre-event W34-W37 of 2022 (nets 100, 120, 80, 100), the window W38-W39. In 2021 the same weeks' nets are
    // 50, 70, 30, 50 before and 20, 40 in the window: the method predicts 2 x 50 = 100 for 60, d = -40. 2019 lacks
    // W39, so it does not count.
    List<BaselineWeek> weeks = preEventWeeks();
    LocalDate w34of2021 = LocalDate.parse("2021-08-23");
    double[] prior = {50, 70, 30, 50, 20, 40};
    for (int i = 0; i < 6; i++) {
      weeks.add(week(w34of2021.plusWeeks(i), prior[i], false, null, true, true));
    }
    LocalDate w34of2019 = LocalDate.parse("2019-08-19");
    for (int i = 0; i < 5; i++) {
      weeks.add(week(w34of2019.plusWeeks(i), 1000, false, null, true, true));
    }
    weeks.add(new BaselineWeek(WINDOW, true, true, false, null, false, false, false, 0, 0.0, null));
    weeks.add(new BaselineWeek(WINDOW.plusWeeks(1), true, false, false, null, false, false, false, 0, 0.0, null));
    assertEquals(List.of(-40.0), Baselines.priorYearErrors(weeks, BaselineWeek::net, 2));
    Baselines.Prediction p = Baselines.preEvent(weeks, BaselineWeek::net, 2);
    assertEquals(200, p.windowSum(), 1e-9);
    assertEquals(Math.sqrt((800 * (2 + 4 / 4.0) + 40 * 40) / 4), p.se(), 1e-9);
    assertEquals(4, p.df());
  }

  @Test
  void sameWeeksAveragesWholePriorYearsAndSkipsAPartialOne() {
    List<BaselineWeek> weeks = new ArrayList<>();
    // 2019 and 2021 have both window weeks (W38, W39); 2020 only one, so it does not count.
    weeks.add(week(LocalDate.parse("2019-09-16"), 10, false, 2019, true, true));
    weeks.add(week(LocalDate.parse("2019-09-23"), 20, false, 2019, true, true));
    weeks.add(week(LocalDate.parse("2020-09-14"), 1000, false, 2020, true, true));
    weeks.add(week(LocalDate.parse("2021-09-20"), 40, false, 2021, true, true));
    weeks.add(week(LocalDate.parse("2021-09-27"), 50, false, 2021, true, true));
    Baselines.Prediction p = Baselines.sameWeeks(weeks, BaselineWeek::net, 2);
    assertEquals((30 + 90) / 2.0, p.windowSum(), 1e-9);
    double sd = Math.sqrt(2 * 30.0 * 30.0);
    assertEquals(sd * Math.sqrt(1.5), p.se(), 1e-9);
    assertEquals(1, p.df());
  }

  @Test
  void withoutPriorYearsTheTwoPriorYearBaselinesHaveNoDataNotZero() {
    List<BaselineWeek> weeks = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      weeks.add(week(WINDOW.minusWeeks(i), 50, true, null, true, false));
    }
    assertNull(Baselines.sameWeeks(weeks, BaselineWeek::net, 2));
    assertNull(Baselines.seasonalTrend(weeks, BaselineWeek::net, WINDOW, 2, 1));
    assertTrue(Baselines.preEvent(weeks, BaselineWeek::net, 2) != null);
  }

  @Test
  void seasonalTrendRecoversATrendAndAnAnnualCycleAndPredictsTheWindow() {
    // A line is a level per year with a common slope: net = 500 + 2 t + 80 cos(2 pi t / P) - 30 sin(2 pi t / P) + e, t in weeks from the event's week.
    List<BaselineWeek> weeks = new ArrayList<>();
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int t = -160; t < 0; t++) {
      double angle = 2 * Math.PI * t / Baselines.WEEKS_PER_YEAR;
      double net = 500 + 2 * t + 80 * Math.cos(angle) - 30 * Math.sin(angle) + (random.nextDouble() - 0.5);
      weeks.add(week(WINDOW.plusWeeks(t), net, t >= -4, null, true, t < -52));
    }
    Baselines.Prediction p = Baselines.seasonalTrend(weeks, BaselineWeek::net, WINDOW, 2, 1);
    double expected = 0;
    for (int t = 0; t < 2; t++) {
      double angle = 2 * Math.PI * t / Baselines.WEEKS_PER_YEAR;
      expected += 500 + 2 * t + 80 * Math.cos(angle) - 30 * Math.sin(angle);
    }
    assertEquals(expected, p.windowSum(), 1.0);
    // A level for each of the four ISO years the weeks touch (2019 to 2022), the slope and one harmonic pair.
    assertEquals(160 - (4 + 1 + 2), p.df());
    // Uniform noise of width 1 has sd 0.29: the prediction error of a two-week sum is about 0.29 sqrt(2).
    assertTrue(p.se() > 0.3 && p.se() < 0.6, "se " + p.se());
  }

  @Test
  void seasonalTrendNeedsMoreWeeksThanParameters() {
    List<BaselineWeek> weeks = new ArrayList<>();
    for (int t = -5; t < 0; t++) {
      weeks.add(week(WINDOW.plusWeeks(t), 10 * t, false, null, true, true));
    }
    assertNull(Baselines.seasonalTrend(weeks, BaselineWeek::net, WINDOW, 2, 1), "5 weeks, 4 parameters");
  }

  @Test
  void aWindowSumOfWeeksThatAlternateAboveAndBelowTheFitVariesLessThanIndependentWeeks() {
    // Residuals 1, -1, 1, -1 on consecutive weeks, then a gap and 2, 2: mean square 12 / 6 = 2. Lag one pairs:
    // three of -1 and one of 4, mean 1/4, autocorrelation 1/8. Two weeks: 2 + 2 x 1/8; one week: 1.
    List<BaselineWeek> fit = new ArrayList<>();
    LocalDate[] mondays = {WINDOW, WINDOW.plusWeeks(1), WINDOW.plusWeeks(2), WINDOW.plusWeeks(3),
        WINDOW.plusWeeks(5), WINDOW.plusWeeks(6)};
    for (LocalDate monday : mondays) {
      fit.add(week(monday, 0, false, null, true, true));
    }
    RealVector residuals = new ArrayRealVector(new double[] {1, -1, 1, -1, 2, 2});
    assertEquals(2 + 2 * 0.125, Baselines.sumOfWeeks(fit, residuals, 2), 1e-12);
    assertEquals(1, Baselines.sumOfWeeks(fit, residuals, 1), 1e-12);
    // Strictly alternating residuals on consecutive weeks: every two weeks' sum is the same.
    RealVector alternating = new ArrayRealVector(new double[] {1, -1, 1, -1, 1, -1});
    List<BaselineWeek> consecutive = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      consecutive.add(week(WINDOW.plusWeeks(i), 0, false, null, true, true));
    }
    assertEquals(0, Baselines.sumOfWeeks(consecutive, alternating, 2), 1e-12, "autocorrelation -1 at lag one");
  }

  @Test
  void seasonalTrendLearnsEachYearsLevelSoAStepBetweenYearsIsNotExtrapolatedAsATrend() {
    // The same season every year, at 1000 in the prior year and 300 in the event's year (before and during).
    List<BaselineWeek> weeks = new ArrayList<>();
    for (int t = -70; t < 0; t++) {
      LocalDate monday = WINDOW.plusWeeks(t);
      double level = monday.getYear() == 2022 ? 300 : 1000;
      double net = level + 50 * Math.cos(2 * Math.PI * t / Baselines.WEEKS_PER_YEAR) + (t % 2 == 0 ? 1 : -1);
      boolean prior = monday.getYear() == 2021;
      weeks.add(week(monday, net, !prior, null, true, prior));
    }
    Baselines.Prediction p = Baselines.seasonalTrend(weeks, BaselineWeek::net, WINDOW, 1, 1);
    assertEquals(300 + 50, p.windowSum(), 2.0);
  }

  @Test
  void anImputedDestinationIsCorrectedByTheErrorTheImputationMakesOnItsPoolAndItsIntervalAddsThatError() {
    // AA, BB and CC report 100 entries and 50 exits a pre-event week; in the window 300, 300 and 200 entries, and
    // 100, 200 and 120 exits.
    ExitImputation.Member aaBefore = new ExitImputation.Member("AA", 100, 50, 100.0, 50.0);
    ExitImputation.Member bbBefore = new ExitImputation.Member("BB", 100, 50, 100.0, 50.0);
    ExitImputation.Member ccBefore = new ExitImputation.Member("CC", 100, 50, 100.0, 50.0);
    List<ExitImputation.Member> before = List.of(aaBefore, bbBefore, ccBefore);
    List<ExitImputation.Member> during = List.of(new ExitImputation.Member("AA", 300, 100, 100.0, 50.0),
        new ExitImputation.Member("BB", 300, 200, 100.0, 50.0), new ExitImputation.Member("CC", 200, 120, 100.0, 50.0));
    List<BaselineWeek> weeks = entriesOnlyDestination(before, during);
    // Each left out, from the other two (ordinary 100 at 0.5, extra at the others' marginal ratio), and its
    // exposure P (e - p) / (E - P) - p against them:
    //   AA: 50 + (320 - 100) / (500 - 200) x 200 = 196.67 for its real 100, x = 96.67; z = 200 x 200 / 300 - 100,
    //   BB: 50 + (220 - 100) / (500 - 200) x 200 = 130 for 200, x = -70; z = 33.33 as AA's,
    //   CC: 50 + (300 - 100) / (600 - 200) x 100 = 100 for 120, x = -20; z = 200 x 100 / 400 - 100 = -50.
    // Unweighted, x/E on z/E: (1/9, 0.3222), (1/9, -0.2333), (-1/4, -0.1); q = 0.4 fits CC exactly and leaves AA and
    // BB +-5/18. Their squares times 3/2 on (1, 1/E) would need a negative c: c = 0, so var x_j is proportional to
    // E_j^2 and the weighted fit is the unweighted one.
    double q = 0.4;
    double zz = 2 / 81.0 + 1 / 16.0;
    double s2 = 2 * Math.pow(5 / 18.0, 2) / (3 - 1);
    // The entries-only destination: 110 a pre-event week on average, 600 in the window. Its imputed window exits,
    // from the whole pool, 55 + (420 - 150) / (800 - 300) x 490 = 319.6; its exposure 300 x 490 / 500 - 110 = 184.
    DestinationEstimate e = DestinationEstimate.of(Baselines.PRE_EVENT, weeks, WINDOW, 1, 1, true, 0.95);
    assertEquals(246, e.exits(), "319.6 - 0.4 x 184");
    assertEquals(600 - 246 - 55.0, e.excessNet(), 1e-9);
    double imputationVariance = s2 * (600 * 600 + 184 * 184 / zz);
    double baselineVariance = 50 * (1 + 1 / 2.0);
    double variance = baselineVariance + imputationVariance;
    double df = variance * variance
        / (baselineVariance * baselineVariance / 1 + imputationVariance * imputationVariance / 2);
    double halfWidth = DestinationEstimate.tQuantile(df, 0.95) * Math.sqrt(variance);
    assertEquals(e.excessNet() + halfWidth, e.high(), 1e-6);
    assertEquals(e.excessNet() - halfWidth, e.low(), 1e-6);
    assertEquals(Math.sqrt(imputationVariance), e.imputationSe(), 1e-9);
    assertEquals(2, e.imputationDf());
    assertEquals(q * 184, 319.6 - e.exits(), 1e-9);
  }

  @Test
  void theImputationErrorsVarianceHasATermInProportionToTrafficSquaredAndOneToTraffic() {
    // No exposure (q = 0): the residuals per window entry are x/E. Squared and times 3/2 they are
    // 0.0001 + 0.01 / E exactly, for E = 100, 400 and 1600.
    List<double[]> tested = new ArrayList<>();
    for (double entries : new double[] {100, 400, 1600}) {
      double squared = (0.0001 + 0.01 / entries) * 2 / 3;
      tested.add(new double[] {entries, 0, entries * Math.sqrt(squared)});
    }
    double[] v = ImputationCheck.varianceFunction(tested);
    assertEquals(0.0001, v[0], 1e-12);
    assertEquals(0.01, v[1], 1e-10);
    // Larger relative errors for the larger destinations would need a negative c: phi alone, their mean.
    List<double[]> growing = List.of(new double[] {100, 0, 1}, new double[] {400, 0, 8}, new double[] {1600, 0, 64});
    double[] g = ImputationCheck.varianceFunction(growing);
    assertEquals(0, g[1]);
    assertEquals((0.0001 + 0.0004 + 0.0016) / 3 * 3 / 2, g[0], 1e-12);
  }

  @Test
  void withFewerThanThreePoolDestinationsToCheckTheImputationIsNotCorrectedAndHasNoInterval() {
    ExitImputation.Member aaBefore = new ExitImputation.Member("AA", 100, 50, 100.0, 50.0);
    ExitImputation.Member bbBefore = new ExitImputation.Member("BB", 100, 50, 100.0, 50.0);
    List<ExitImputation.Member> during = List.of(new ExitImputation.Member("AA", 300, 100, 100.0, 50.0),
        new ExitImputation.Member("BB", 300, 200, 100.0, 50.0));
    List<BaselineWeek> weeks = entriesOnlyDestination(List.of(aaBefore, bbBefore), during);
    // 110 ordinary entries leave at 0.5 and 490 extra ones at the pool's marginal (300 - 100) / (600 - 200) = 0.5.
    DestinationEstimate e = DestinationEstimate.of(Baselines.PRE_EVENT, weeks, WINDOW, 1, 1, true, 0.95);
    assertEquals(300, e.exits());
    assertEquals(300 - 55.0, e.excessNet(), 1e-9);
    assertNull(e.low(), "two pool destinations cannot fit the imputation's error");
    assertNull(e.high());
    DestinationEstimate observed = DestinationEstimate.of(Baselines.PRE_EVENT, weeks, WINDOW, 1, 1, false, 0.95);
    double baseline = DestinationEstimate.tQuantile(1, 0.95) * Math.sqrt(50) * Math.sqrt(1 + 1 / 2.0);
    assertEquals(245 + baseline, observed.high(), 1e-6, "reported exits: the baseline's error alone");
  }

  /**
   * An entries-only destination with 100 and 120 entries in two pre-event weeks (exits imputed at the pool's 0.5)
   * and 600 in the window week, imputed from {@code during}.
   */
  private static List<BaselineWeek> entriesOnlyDestination(List<ExitImputation.Member> before,
                                                           List<ExitImputation.Member> during) {
    List<BaselineWeek> weeks = new ArrayList<>();
    weeks.add(new BaselineWeek(WINDOW.minusWeeks(2), false, false, true, null, false, true, false, 100, 50.0, before));
    weeks.add(new BaselineWeek(WINDOW.minusWeeks(1), false, false, true, null, false, true, false, 120, 60.0, before));
    weeks.add(new BaselineWeek(WINDOW, true, true, false, null, false, false, false, 600,
        ExitImputation.exits(600, 110.0, true, during, null), during));
    return weeks;
  }

  @Test
  void sumOfPredictionsTakesWelchSatterthwaiteDegreesOfFreedom() {
    // One prediction: its own half-width.
    assertEquals(DestinationEstimate.tQuantile(3, 0.95) * 10,
        DestinationEstimate.halfWidthOfSum(100, 100.0 * 100 / 3, 0.95), 1e-9);
    // Two equal predictions with one degree of freedom each: the sum's variance is known with two.
    double two = DestinationEstimate.halfWidthOfSum(200, 2 * 100.0 * 100 / 1, 0.95);
    assertEquals(4.302653, DestinationEstimate.tQuantile(2, 0.95), 1e-6);
    assertEquals(DestinationEstimate.tQuantile(2, 0.95) * Math.sqrt(200), two, 1e-9);
    assertTrue(two < Math.sqrt(2) * DestinationEstimate.tQuantile(1, 0.95) * 10,
        "narrower than the two t(1) half-widths in quadrature");
    assertEquals(0, DestinationEstimate.halfWidthOfSum(0, 0, 0.95), "no spread, no width");
  }
}
