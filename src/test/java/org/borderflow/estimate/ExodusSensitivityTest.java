package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.borderflow.config.EventDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * exodus_sensitivity and the primary baseline on a small weekly table: AA has the window's ISO weeks in 2019 and
 * 2021 and every 2021 week, BB has 2022 only, so its prior-year baselines are no_data.
 */
class ExodusSensitivityTest extends SparkTestBase {

  static final EventDefinition EVENT = new EventDefinition("ev", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-10-02"), 4, List.of("AA", "BB"), "same_weeks_prior_years", List.of(2019, 2021), 1);

  static Map<String, Row> rows;
  static Map<String, Row> primary;

  @BeforeAll
  static void estimate() {
    List<Object[]> weekly = new ArrayList<>();
    // AA: 2019-W38/W39 net 30 + 40, 2021 every week net 50 (W38/W39 60 + 70), 2022 baseline net 100, window 1000.
    weekly.add(row("AA", "RU", date("2019-09-16"), 130L, 100L));
    weekly.add(row("AA", "RU", date("2019-09-23"), 140L, 100L));
    for (LocalDate m = EventWeeks.firstMonday(2021); m.getYear() < 2022; m = m.plusWeeks(1)) {
      long net = m.equals(LocalDate.parse("2021-09-20")) ? 60 : m.equals(LocalDate.parse("2021-09-27")) ? 70 : 50;
      weekly.add(row("AA", "RU", java.sql.Date.valueOf(m), 100L + net, 100L));
    }
    for (int i = 1; i <= 4; i++) {
      weekly.add(row("AA", "RU", java.sql.Date.valueOf(EVENT.windowStart().minusWeeks(i)), 200L, 100L));
      weekly.add(row("BB", "RU", java.sql.Date.valueOf(EVENT.windowStart().minusWeeks(i)), 300L, 250L));
    }
    weekly.add(row("AA", "RU", date("2022-09-19"), 1600L, 1000L));
    weekly.add(row("AA", "RU", date("2022-09-26"), 1400L, 1000L));
    weekly.add(row("BB", "RU", date("2022-09-19"), 900L, 500L));
    weekly.add(row("BB", "RU", date("2022-09-26"), 700L, 500L));
    Dataset<Row> table = df(ExodusEstimatorTest.WEEKLY, weekly.toArray(Object[][]::new));
    Dataset<Row> sensitivity = ExodusEstimator.sensitivity(table, List.of(EVENT), 0.95).cache();
    rows = new HashMap<>();
    for (Row r : sensitivity.collectAsList()) {
      rows.put(r.getAs("destination") + "/" + r.getAs("baseline_method"), r);
    }
    primary = new HashMap<>();
    for (Row r : ExodusEstimator.primary(sensitivity, List.of(EVENT)).collectAsList()) {
      primary.put(r.getAs("destination"), r);
    }
  }

  @Test
  void oneRowPerDestinationAndMethodWithTheColumnsOfTheEstimates() {
    assertEquals(3 * 3, rows.size(), "AA, BB and ALL under three baselines");
    assertEquals(List.of(ExodusEstimator.COLUMNS), List.of(rows.get("AA/pre_event").schema().fieldNames()));
  }

  @Test
  void sameWeeksIsTheMeanOfThePriorYearsWindowWeeks() {
    Row aa = rows.get("AA/same_weeks_prior_years");
    assertEquals(((30 + 40) + (60 + 70)) / 2.0, (double) aa.getAs("baseline_net"), 1e-9);
    assertEquals(1000 - 100.0, (double) aa.getAs("excess_net"), 1e-9);
    assertEquals("observed", aa.getAs("method"));
    assertEquals(1000 - 200.0, (double) rows.get("AA/pre_event").getAs("excess_net"), 1e-9);
  }

  @Test
  void seasonalTrendIsFittedOnThePriorYearsAndThePreEventWeeks() {
    Row aa = rows.get("AA/seasonal_trend");
    assertEquals("observed", aa.getAs("method"));
    double baseline = aa.getAs("baseline_net");
    // 2022's level is its pre-event weeks' net, 100 a week; the prior years add a season of a few crossings.
    assertEquals(200, baseline, 30, "baseline " + baseline);
    assertTrue((double) aa.getAs("excess_net_low") < (double) aa.getAs("excess_net"));
  }

  @Test
  void missingPriorYearsGiveNoDataForThatBaselineNotAZero() {
    Row bb = rows.get("BB/same_weeks_prior_years");
    assertEquals("no_data", bb.getAs("method"));
    assertNull(bb.getAs("baseline_net"));
    assertNull(bb.getAs("excess_net"));
    assertEquals(1600L - 1000L, (long) bb.getAs("net"), "the window's own sums stay");
    assertEquals("no_data", rows.get("BB/seasonal_trend").getAs("method"));
    assertEquals("observed", rows.get("BB/pre_event").getAs("method"));
    Row all = rows.get("ALL/same_weeks_prior_years");
    assertNull(all.getAs("excess_net"), "the total is unknown, not short by BB");
    assertFalse(rows.get("ALL/pre_event").isNullAt(rows.get("ALL/pre_event").fieldIndex("excess_net")));
  }

  @Test
  void estimatesUseTheEventsPrimaryBaseline() {
    assertEquals(3, primary.size());
    primary.values().forEach(r -> assertEquals("same_weeks_prior_years", r.getAs("baseline_method")));
    assertEquals(900.0, (double) primary.get("AA").getAs("excess_net"), 1e-9);
  }
}
