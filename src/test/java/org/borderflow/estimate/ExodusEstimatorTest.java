package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.config.EventDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExodusEstimatorTest extends SparkTestBase {

  static final StructType WEEKLY = new StructType()
      .add("reporting_country", DataTypes.StringType).add("citizenship", DataTypes.StringType)
      .add("week_start", DataTypes.DateType).add("entries", DataTypes.LongType).add("exits", DataTypes.LongType);

  // Event on Wednesday 2022-09-21: window W38-W39 (19 Sep - 2 Oct), baseline W34-W37 (22 Aug - 18 Sep).
  static final EventDefinition EVENT = new EventDefinition("ev", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-10-02"), 4, List.of("AA", "BB", "KZ", "MN"));
  static final String[] BASELINE = {"2022-08-22", "2022-08-29", "2022-09-05", "2022-09-12"};

  /** The same weeks with only the destinations that report exits: the ALL row's interval is the baseline's alone. */
  static final EventDefinition REPORTING = new EventDefinition("reporting", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-10-02"), 4, List.of("AA", "BB"));
  /** With a third reporting destination, the imputation can be checked on its pool. */
  static final EventDefinition CHECKED = new EventDefinition("checked", "RU", LocalDate.parse("2022-09-21"),
      LocalDate.parse("2022-10-02"), 4, List.of("AA", "BB", "CC", "KZ"));

  static Map<String, Row> byDestination;
  static Map<String, Row> reporting;
  static Map<String, Row> checked;

  @BeforeAll
  static void estimate() {
    List<Object[]> rows = new ArrayList<>();
    long[] aaNet = {100, 120, 80, 100};
    for (int i = 0; i < 4; i++) {
      rows.add(row("AA", "RU", date(BASELINE[i]), 1000L, 1000L - aaNet[i]));
      rows.add(row("BB", "RU", date(BASELINE[i]), 500L, 250L));
      rows.add(row("KZ", "RU", date(BASELINE[i]), 200L, 0L));
      rows.add(row("CC", "RU", date(BASELINE[i]), 400L + 10 * i, 300L));
    }
    rows.add(row("AA", "RU", date("2022-09-19"), 3000L, 1500L));
    rows.add(row("AA", "RU", date("2022-09-26"), 2000L, 1000L));
    rows.add(row("BB", "RU", date("2022-09-19"), 1000L, 800L));
    rows.add(row("BB", "RU", date("2022-09-26"), 1000L, 600L));
    rows.add(row("KZ", "RU", date("2022-09-19"), 1000L, 0L));
    rows.add(row("KZ", "RU", date("2022-09-26"), 500L, 0L));
    rows.add(row("CC", "RU", date("2022-09-19"), 900L, 500L));
    rows.add(row("CC", "RU", date("2022-09-26"), 700L, 450L));
    // Outside the window and another citizenship: must not count.
    rows.add(row("AA", "RU", date("2022-10-03"), 9999L, 0L));
    rows.add(row("AA", "BY", date("2022-09-19"), 9999L, 0L));
    Dataset<Row> weekly = df(WEEKLY, rows.toArray(Object[][]::new));
    byDestination = new HashMap<>();
    reporting = new HashMap<>();
    checked = new HashMap<>();
    Map<String, Map<String, Row>> byEvent = Map.of(EVENT.id(), byDestination, REPORTING.id(), reporting,
        CHECKED.id(), checked);
    for (Row r : ExodusEstimator.estimate(weekly, List.of(EVENT, REPORTING, CHECKED), 0.95).collectAsList()) {
      byEvent.get(r.getString(r.fieldIndex("event_id"))).put(r.getString(r.fieldIndex("destination")), r);
    }
  }

  private static double excessSum(Map<String, Row> rows, String... destinations) {
    double sum = 0;
    for (String destination : destinations) {
      sum += d(rows.get(destination), "excess_net");
    }
    return sum;
  }

  private static double d(Row r, String column) {
    return ((Number) r.get(r.fieldIndex(column))).doubleValue();
  }

  @Test
  void observedDestinationExcessIsWindowNetMinusBaselineAndTheIntervalIsTheBaselinePredictionInterval() {
    Row aa = byDestination.get("AA");
    assertEquals("observed", aa.getString(aa.fieldIndex("method")));
    assertEquals(5000, d(aa, "entries"));
    assertEquals(2500, d(aa, "exits"));
    assertEquals(2500, d(aa, "net"));
    assertEquals(100, d(aa, "baseline_weekly_net"), 1e-9);
    assertEquals(200, d(aa, "baseline_net"), 1e-9);
    assertEquals(2300, d(aa, "excess_net"), 1e-9);
    double sd = Math.sqrt((0 + 400 + 400 + 0) / 3.0);
    double half = new TDistribution(3).inverseCumulativeProbability(0.975) * sd * Math.sqrt(2 + 4 / 4.0);
    assertEquals(2300 - half, d(aa, "excess_net_low"), 1e-6);
    assertEquals(2300 + half, d(aa, "excess_net_high"), 1e-6);
    assertEquals(3000 / 1000.0 - 1, d(aa, "entries_uplift"), 1e-9);
    assertEquals(Date("2022-09-19"), aa.getDate(aa.fieldIndex("window_start")));
    assertEquals(Date("2022-10-02"), aa.getDate(aa.fieldIndex("window_end")));
    assertEquals(2, aa.getInt(aa.fieldIndex("weeks")));
  }

  private static java.sql.Date Date(String s) {
    return date(s);
  }

  @Test
  void entriesOnlyDestinationsOrdinaryEntriesLeaveAtThePreEventRatioAndItsExtraOnesAtThePoolsMarginalRatio() {
    Row kz = byDestination.get("KZ");
    assertEquals("imputed_exits", kz.getString(kz.fieldIndex("method")));
    // Pre-event: the pool's weekly means are 1500 entries and 1150 exits, KZ's 200 entries.
    // W38: the pool's extra entries 4000 - 1500 = 2500 made 2300 - 1150 = 1150 extra exits (0.46 each);
    // W39: 3000 - 1500 = 1500 extra entries, 1600 - 1150 = 450 extra exits (0.3 each).
    double ordinary = 200 * 1150.0 / 1500;
    double exits = ordinary + 0.46 * (1000 - 200) + ordinary + 0.3 * (500 - 200);
    assertEquals(Math.round(exits), d(kz, "exits"));
    // Two destinations to learn from cannot fit the imputation's error (ImputationCheck): no interval, not a
    // zero-width one, and the exits are not corrected.
    assertNull(kz.get(kz.fieldIndex("excess_net_low")));
    assertNull(kz.get(kz.fieldIndex("excess_net_high")));
  }

  @Test
  void anEntriesOnlyDestinationWithThreeToLearnFromHasAnIntervalAndTheAllRowAddsItsError() {
    Row kz = checked.get("KZ");
    assertEquals("imputed_exits", kz.getString(kz.fieldIndex("method")));
    double excess = d(kz, "excess_net");
    assertTrue(d(kz, "excess_net_low") < excess && excess < d(kz, "excess_net_high"));
    assertEquals(d(kz, "net") - d(kz, "baseline_net"), excess, 1e-9, "the corrected exits keep net and excess in step");
    Row all = checked.get("ALL");
    double sum = excessSum(checked, "AA", "BB", "CC", "KZ");
    assertEquals(sum, d(all, "excess_net"), 1e-6);
    double half = d(all, "excess_net_high") - sum;
    assertEquals(half, sum - d(all, "excess_net_low"), 1e-6, "symmetric");
    assertTrue(half > 0, "the imputed destination's interval makes the total's: " + half);
  }

  @Test
  void destinationWithoutDataIsNoDataWithNullFigures() {
    Row mn = byDestination.get("MN");
    assertEquals("no_data", mn.getString(mn.fieldIndex("method")));
    assertNull(mn.get(mn.fieldIndex("entries")));
    assertNull(mn.get(mn.fieldIndex("excess_net")));
  }

  @Test
  void allRowSumsTheDestinationsWithDataAndItsIntervalIsTheBaselinesOnTheirSummedSeries() {
    Row all = byDestination.get("ALL");
    assertEquals("imputed_exits", all.getString(all.fieldIndex("method")));
    double sum = excessSum(byDestination, "AA", "BB", "KZ");
    assertEquals(sum, d(all, "excess_net"), 1e-6);
    assertNull(all.get(all.fieldIndex("excess_net_low")), "KZ has no interval, so the total has none");
    assertEquals((3000 + 1000 + 1000) / 1700.0 - 1, d(all, "entries_uplift"), 1e-9);
    assertEquals(5, byDestination.size(), "four destinations and ALL");

    // AA and BB: summed pre-event nets 350, 370, 330, 350; the window's two weeks predicted from four.
    Row total = reporting.get("ALL");
    assertEquals("observed", total.getString(total.fieldIndex("method")));
    double excess = excessSum(reporting, "AA", "BB");
    double sd = Math.sqrt((0 + 400 + 400 + 0) / 3.0);
    double half = new TDistribution(3).inverseCumulativeProbability(0.975) * sd * Math.sqrt(2 + 4 / 4.0);
    assertEquals(excess - half, d(total, "excess_net_low"), 1e-6);
    assertEquals(excess + half, d(total, "excess_net_high"), 1e-6);
  }
}
