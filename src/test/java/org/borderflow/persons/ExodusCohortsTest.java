package org.borderflow.persons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class ExodusCohortsTest extends SparkTestBase {

  /** What CohortFollowUp yields. */
  static final StructType FOLLOW_UP = new StructType()
      .add("event_id", DataTypes.StringType).add("origin", DataTypes.StringType)
      .add("destination", DataTypes.StringType).add("source", DataTypes.StringType)
      .add("window_start", DataTypes.DateType).add("window_end", DataTypes.DateType)
      .add("baseline_start", DataTypes.DateType).add("baseline_end", DataTypes.DateType)
      .add("data_end", DataTypes.DateType).add("cohort", DataTypes.StringType)
      .add("traveller_id", DataTypes.StringType).add("sex", DataTypes.StringType)
      .add("age_band", DataTypes.StringType).add("time", DataTypes.IntegerType)
      .add("returned", DataTypes.BooleanType);
  static final double Z95 = 1.959963984540054;

  private static void people(List<Object[]> rows, int count, String cohort, String sex, String age, int time,
                             boolean returned) {
    for (int i = 0; i < count; i++) {
      rows.add(row("ev", "RU", "GE", "ge", date("2022-09-19"), date("2022-10-02"), date("2022-08-22"),
          date("2022-09-18"), date("2022-10-30"), cohort, cohort + "-" + sex + age + "-" + time + "-" + i, sex, age,
          time, returned));
    }
  }

  private static Map<Integer, Row> byHorizon(Dataset<Row> table) {
    Map<Integer, Row> out = new HashMap<>();
    for (Row r : table.collectAsList()) {
      out.put(r.getAs("horizon_days"), r);
    }
    return out;
  }

  /**
   * Event cohort of 40: 10 leave on day 3, 30 are still there when the data ends (day 40). Baseline: 40 leave on
   * day 5, the given number stay to the end (day 60).
   */
  private static Dataset<Row> stayersAndLeavers(int baselineStayers) {
    List<Object[]> rows = new ArrayList<>();
    people(rows, 10, CohortFollowUp.EVENT, "M", "25-39", 3, true);
    people(rows, 30, CohortFollowUp.EVENT, "M", "25-39", 40, false);
    people(rows, 40, CohortFollowUp.BASELINE, "M", "25-39", 5, true);
    people(rows, baselineStayers, CohortFollowUp.BASELINE, "M", "25-39", 60, false);
    return df(FOLLOW_UP, rows.toArray(Object[][]::new));
  }

  /**
   * Event cohort of 40: 10 leave on day 3, 30 are still there when the data ends (day 40). Baseline of 50: 40 leave
   * on day 5, 10 stay to the end (day 60). At 7 days: 0.75 against 0.20, so 40 x 0.55 = 22 excess stayers.
   */
  @Test
  void excessStayersAreTheEventCohortTimesTheDifferenceOfTheShares() {
    Dataset<Row> table = ExodusCohorts.build(stayersAndLeavers(10), List.of(7, 90), 0.95, 10);
    assertEquals(List.of(ExodusCohorts.COLUMNS), List.of(table.columns()));
    Map<Integer, Row> at = byHorizon(table);
    Row h7 = at.get(7);
    assertEquals(40L, (long) h7.getAs("cohort_size"));
    assertEquals(30L, (long) h7.getAs("still_present"));
    assertEquals(0.75, (double) h7.getAs("km_share_present"), 1e-12);
    assertEquals(10L, (long) h7.getAs("baseline_still_present"));
    assertEquals(0.20, (double) h7.getAs("baseline_km_share_present"), 1e-12);
    assertEquals(22.0, (double) h7.getAs("excess_stayers"), 1e-9);
    double varEvent = 0.75 * 0.75 * 10.0 / (40 * 30);
    double varBaseline = 0.2 * 0.2 * 40.0 / (50 * 10);
    double half = Z95 * 40 * Math.sqrt(varEvent + varBaseline);
    assertEquals(22.0 - half, (double) h7.getAs("excess_stayers_low"), 1e-6);
    assertEquals(22.0 + half, (double) h7.getAs("excess_stayers_high"), 1e-6);
    assertEquals(0.75 - Z95 * Math.sqrt(varEvent), (double) h7.getAs("km_share_low"), 1e-9);
    assertFalse((boolean) h7.getAs("suppressed"));
    assertFalse((boolean) h7.getAs("baseline_suppressed"));
    // 90 days lie beyond everyone's follow-up: nothing to say, and nothing suppressed either.
    Row h90 = at.get(90);
    assertEquals(40L, (long) h90.getAs("cohort_size"));
    assertNull(h90.getAs("still_present"));
    assertNull(h90.getAs("km_share_present"));
    assertNull(h90.getAs("km_share_low"));
    assertNull(h90.getAs("km_share_high"));
    assertNull(h90.getAs("excess_stayers"));
    assertFalse((boolean) h90.getAs("suppressed"));
  }

  @Test
  void aCohortWithFewerThanKLeftOrPresentIsWithheldAndTheExcessWithIt() {
    Row h7 = byHorizon(ExodusCohorts.build(stayersAndLeavers(9), List.of(7), 0.95, 10)).get(7);
    assertFalse((boolean) h7.getAs("suppressed"), "event cohort: 40, 30 present, 10 left");
    assertEquals(30L, (long) h7.getAs("still_present"));
    assertTrue((boolean) h7.getAs("baseline_suppressed"), "baseline: only 9 still present");
    for (String c : CohortComparison.BASELINE_MEASURES) {
      assertNull(h7.getAs(c), c);
    }
    for (String c : CohortComparison.EXCESS) {
      assertNull(h7.getAs(c), c);
    }
  }

  @Test
  void whenOneGroupIsWithheldTheSmallestPublishedGroupIsWithheldToo() {
    List<Object[]> rows = new ArrayList<>();
    people(rows, 30, CohortFollowUp.EVENT, "M", "25-39", 40, false);
    people(rows, 30, CohortFollowUp.EVENT, "M", "25-39", 2, true);
    people(rows, 20, CohortFollowUp.EVENT, "F", "25-39", 40, false);
    people(rows, 12, CohortFollowUp.EVENT, "F", "25-39", 1, true);
    people(rows, 3, CohortFollowUp.EVENT, "M", "55+", 40, false);
    people(rows, 30, CohortFollowUp.BASELINE, "M", "25-39", 40, false);
    people(rows, 30, CohortFollowUp.BASELINE, "M", "25-39", 1, true);
    people(rows, 15, CohortFollowUp.BASELINE, "F", "25-39", 40, false);
    people(rows, 15, CohortFollowUp.BASELINE, "F", "25-39", 1, true);
    Dataset<Row> groups = ExodusByGroup.build(df(FOLLOW_UP, rows.toArray(Object[][]::new)), List.of(7), 0.95, 10);
    assertEquals(List.of(ExodusByGroup.COLUMNS), List.of(groups.columns()));
    assertEquals(lines(
            "[M,25-39,60,30,false,60,30,false]",
            "[F,25-39,null,null,true,30,15,false]",  // 32 entrants: withheld so that M 55+ cannot be derived
            "[M,55+,null,null,true,null,null,true]"), // 3 entrants; no baseline entrant, which hides no one
        sorted(groups.select("sex", "age_band", "cohort_size", "still_present", "suppressed",
            "baseline_cohort_size", "baseline_still_present", "baseline_suppressed")));
  }

  /** On generated cohorts: every published person count is at least k, and no cohort hides a single group. */
  @Test
  void noPublishedPersonLevelCellIsBelowK() {
    SplittableRandom random = new SplittableRandom(7);
    String[] sexes = {"M", "F", "X", "unknown"};
    String[] ages = {"0-17", "18-24", "25-39", "40-54", "55+", "unknown"};
    List<Object[]> rows = new ArrayList<>();
    for (String sex : sexes) {
      for (String age : ages) {
        for (String cohort : List.of(CohortFollowUp.EVENT, CohortFollowUp.BASELINE)) {
          // Every group has members in both cohorts, so each withheld group is one that must not be derivable.
          int size = 1 + (random.nextInt(4) == 0 ? random.nextInt(12) : random.nextInt(80));
          for (int i = 0; i < size; i++) {
            int time = random.nextInt(60);
            people(rows, 1, cohort, sex, age, time, random.nextInt(3) > 0);
          }
        }
      }
    }
    int k = 10;
    List<Integer> horizons = List.of(7, 14, 30, 90);
    Dataset<Row> followUp = df(FOLLOW_UP, rows.toArray(Object[][]::new));
    List<Row> published = new ArrayList<>(ExodusCohorts.build(followUp, horizons, 0.95, k).collectAsList());
    List<Row> groups = ExodusByGroup.build(followUp, horizons, 0.95, k).collectAsList();
    published.addAll(groups);
    int checked = 0;
    for (Row r : published) {
      for (String prefix : List.of("", "baseline_")) {
        Object size = r.getAs(prefix + "cohort_size");
        Object present = r.getAs(prefix + "still_present");
        if (size != null) {
          assertTrue((long) size >= k, r.toString());
          checked++;
        }
        if (present != null) {
          assertTrue((long) present >= k && (long) size - (long) present >= k, r.toString());
        }
      }
    }
    assertTrue(checked > 50, "cells checked: " + checked);
    assertTrue(groups.stream().anyMatch(r -> (boolean) r.getAs("suppressed")), "small groups were generated");
    Map<String, int[]> withheld = new HashMap<>();
    for (Row r : groups) {
      int[] n = withheld.computeIfAbsent("horizon " + r.<Integer>getAs("horizon_days"), h -> new int[2]);
      n[0] += (boolean) r.getAs("suppressed") ? 1 : 0;
      n[1] += (boolean) r.getAs("baseline_suppressed") ? 1 : 0;
    }
    withheld.forEach((h, n) -> assertTrue(n[0] != 1 && n[1] != 1, h + " hides one group only"));
  }
}
