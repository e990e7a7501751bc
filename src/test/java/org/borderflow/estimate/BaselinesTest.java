package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baselines' formulas on hand-made weeks, no Spark: each figure is worked out in the test. */
class BaselinesTest {

  static final LocalDate WINDOW = LocalDate.parse("2022-09-19");

  static BaselineWeek week(LocalDate monday, double net, boolean preEvent, Integer alignedYear, boolean fit,
                           boolean priorYear) {
    return new BaselineWeek(monday, false, false, preEvent, alignedYear, false, fit, priorYear, net + 100, 100.0,
        null);
  }

  @Test
  void preEventIsTheMeanTimesTheWindowWithThePredictionErrorOfAFutureSum() {
    List<BaselineWeek> weeks = new ArrayList<>();
    double[] nets = {100, 120, 80, 100};
    for (int i = 0; i < 4; i++) {
      weeks.add(week(WINDOW.minusWeeks(4 - i), nets[i], true, null, true, false));
    }
    Baselines.Prediction p = Baselines.preEvent(weeks, BaselineWeek::net, 2);
    assertEquals(200, p.windowSum(), 1e-9);
    assertEquals(Math.sqrt(800 / 3.0) * Math.sqrt(2 + 4 / 4.0), p.se(), 1e-9);
    assertEquals(3, p.df());
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
    // Each left out, from the other two (ordinary 100 at 0.5, extra at the others' marginal ratio):
    //   AA: 50 + (320 - 100) / (500 - 200) x 200 = 196.67 for its real 100, CC: 50 + 0.5 x 100 = 100 for 120,
    //   BB: 50 + (220 - 100) / (500 - 200) x 200 = 130 for 200.
    // Exits' error per window entry x/E against (extra, ordinary) per window entry: AA (2/3, 1/3) 0.3222,
    // BB (2/3, 1/3) -0.2333, CC (1/2, 1/2) -0.1. Least squares: AA and BB's row fits their mean, 0.0444, and CC's
    // exactly: a = 1/3, b = -8/15; residuals 0.2778, -0.2778 and 0. The pre-event weeks imputed and real are the
    // same, so the excess errors' residuals are the exits' with the sign turned.
    double a = 1 / 3.0;
    double b = -8 / 15.0;
    double squares = 2 * Math.pow((96.0 + 2 / 3.0) / 300 - (2 * a + b) / 3, 2);
    // The entries-only destination: 110 a pre-event week on average, 600 in the window, 490 of them extra. Its
    // imputed window exits, from the whole pool, 55 + (420 - 150) / (800 - 300) x 490 = 319.6, corrected by
    // 490 a + 110 b.
    DestinationEstimate e = DestinationEstimate.of(Baselines.PRE_EVENT, weeks, WINDOW, 1, 1, true, 0.95);
    double corrected = 319.6 - (490 * a + 110 * b);
    assertEquals(Math.round(corrected), e.exits());
    assertEquals(600 - Math.round(corrected) - 55.0, e.excessNet(), 1e-9);
    // The correction's uncertainty: z' (Z'Z)^-1 z with z = (490, 110), by the 2x2 inverse.
    double zz11 = 2 * 4 / 9.0 + 0.25;
    double zz12 = 2 * 2 / 9.0 + 0.25;
    double zz22 = 2 * 1 / 9.0 + 0.25;
    double det = zz11 * zz22 - zz12 * zz12;
    double leverage = (490 * 490 * zz22 - 2 * 490 * 110 * zz12 + 110 * 110 * zz11) / det;
    double imputationVariance = squares * (600 * 600 + leverage) / (3 - 2);
    double baselineVariance = 50 * (1 + 1 / 2.0);
    double variance = baselineVariance + imputationVariance;
    double df = variance * variance / (baselineVariance * baselineVariance / 1 + imputationVariance * imputationVariance / 1);
    double halfWidth = DestinationEstimate.tQuantile(df, 0.95) * Math.sqrt(variance);
    assertEquals(e.excessNet() + halfWidth, e.high(), 1e-6);
    assertEquals(e.excessNet() - halfWidth, e.low(), 1e-6);
    assertEquals(Math.sqrt(imputationVariance), e.imputationSe(), 1e-9);
    assertEquals(1, e.imputationDf());
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
