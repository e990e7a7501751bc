package org.borderflow.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.config.ConfigLoader;
import org.borderflow.config.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Each check on a few hand-made weeks or days, with the finding it must give and the ones it must not. */
class QualityChecksTest extends SparkTestBase {

  /** The net_remaining_weekly columns the checks read. */
  static final StructType WEEKLY = new StructType()
      .add("week_label", DataTypes.StringType).add("week_start", DataTypes.DateType)
      .add("reporting_country", DataTypes.StringType).add("citizenship", DataTypes.StringType)
      .add("entries", DataTypes.LongType).add("exits", DataTypes.LongType).add("net", DataTypes.LongType)
      .add("cumulative_net", DataTypes.LongType).add("days_reported", DataTypes.IntegerType)
      .add("complete", DataTypes.BooleanType).add("sources", DataTypes.StringType);
  static final StructType DAILY = new StructType()
      .add("source", DataTypes.StringType).add("reporting_country", DataTypes.StringType)
      .add("date", DataTypes.DateType).add("citizenship", DataTypes.StringType);
  static final StructType RECONCILIATION = new StructType()
      .add("reporting_country", DataTypes.StringType).add("date", DataTypes.DateType)
      .add("citizenship", DataTypes.StringType).add("direction", DataTypes.StringType)
      .add("counted_source", DataTypes.StringType).add("counted_crossings", DataTypes.LongType)
      .add("set_aside_source", DataTypes.StringType).add("set_aside_crossings", DataTypes.LongType)
      .add("difference", DataTypes.LongType);

  /** The defaults but for the smallest change: 1 crossing, so that small hand-made weeks can jump. */
  static final JumpRule RULE = new JumpRule(8, 4, 3.5, 1.0, 1.0);

  /** A week of FI/RU counted from frontex, starting {@code monday}; net and cumulative as given. */
  static Object[] week(String label, String monday, long entries, long net, long cumulative, int days) {
    return row(label, date(monday), "FI", "RU", entries, entries - net, net, cumulative, days, days == 7, "frontex");
  }

  @Test
  void onlyTheTrailingRunOfIncompleteWeeksIsAtTheEdge() {
    Dataset<Row> weekly = df(WEEKLY,
        week("2022-W31", "2022-08-01", 10, 1, 1, 7),
        week("2022-W32", "2022-08-08", 10, 1, 2, 6),
        week("2022-W33", "2022-08-15", 10, 1, 3, 7),
        week("2022-W34", "2022-08-22", 10, 1, 4, 5),
        week("2022-W35", "2022-08-29", 10, 1, 5, 2));
    assertEquals(lines(
            "[incomplete_week_at_edge,warning,net_remaining_weekly,frontex,FI,RU,2022-08-22,2022-08-28,5.0,7.0,"
                + "2022-W34 of FI/RU has 5 of 7 days at the end of the series: its totals are partial]",
            "[incomplete_week_at_edge,warning,net_remaining_weekly,frontex,FI,RU,2022-08-29,2022-09-04,2.0,7.0,"
                + "2022-W35 of FI/RU has 2 of 7 days at the end of the series: its totals are partial]"),
        sorted(QualityChecks.incompleteWeeksAtEdge(weekly, "warning")));
  }

  @Test
  void aGapInsideASourcesDaysIsOneFindingWithItsLength() {
    Dataset<Row> daily = df(DAILY,
        row("frontex", "FI", date("2022-08-01"), "RU"), row("frontex", "FI", date("2022-08-01"), "BY"),
        row("frontex", "FI", date("2022-08-02"), "RU"), row("frontex", "FI", date("2022-08-05"), "RU"),
        row("frontex", "FI", date("2022-08-06"), "RU"),
        // A year earlier: another reporting period, not a hole of 360 days.
        row("frontex", "FI", date("2021-08-10"), "RU"),
        // Another source and country, without a gap: no finding, and frontex's gap is not excused by it.
        row("kz_mvd", "KZ", date("2022-08-03"), "RU"), row("kz_mvd", "KZ", date("2022-08-04"), "RU"));
    assertEquals(lines("[missing_days,error,crossings_daily,frontex,FI,null,2022-08-03,2022-08-04,2.0,0.0,"
            + "frontex has no row for FI on 2 day(s) from 2022-08-03 to 2022-08-04, inside the days it reports]"),
        sorted(QualityChecks.missingDays(daily, "error", 60)));
  }

  @Test
  void aWeekFarFromTheMedianOfTheWeeksBeforeIsAJumpAndNoisyWeeksAreNot() {
    long[] entries = {100, 102, 98, 101, 99, 100, 160};
    Object[][] rows = new Object[entries.length + 1][];
    for (int i = 0; i < entries.length; i++) {
      rows[i] = week(String.format("2022-W%02d", 31 + i), java.time.LocalDate.of(2022, 8, 1).plusWeeks(i).toString(),
          entries[i], 0, 0, 7);
    }
    // A partial week at the end is neither scored (its drop is the calendar's) nor part of a later history.
    rows[entries.length] = week("2022-W38", "2022-09-19", 20, 0, 0, 3);
    List<Row> jumps = QualityChecks.jumps(df(WEEKLY, rows), "entries", QualityChecks.ENTRIES_JUMP, RULE,
        "warning").collectAsList();
    assertEquals(1, jumps.size(), jumps.toString());
    Row jump = jumps.get(0);
    // History 100 102 98 101 99 100: median 100, absolute deviations 0 2 2 1 1 0, MAD 1; 0.6745 * 60 / 1.
    assertEquals(date("2022-09-12"), jump.getDate(jump.fieldIndex("period_start")));
    assertEquals(0.6745 * 60, jump.getDouble(jump.fieldIndex("value")), 1e-9);
    assertEquals(3.5, jump.getDouble(jump.fieldIndex("threshold")));
    assertEquals("entries of 2022-W37 at FI/RU (160) is 40.5 robust deviations above the median of the 6 complete "
        + "weeks before (100, MAD 1)", jump.getString(jump.fieldIndex("message")));
  }

  @Test
  void aFlatHistoryUsesTheMadFloorInsteadOfDividingByZero() {
    Dataset<Row> weekly = df(WEEKLY,
        week("2022-W31", "2022-08-01", 50, 0, 0, 7), week("2022-W32", "2022-08-08", 50, 0, 0, 7),
        week("2022-W33", "2022-08-15", 50, 0, 0, 7), week("2022-W34", "2022-08-22", 50, 0, 0, 7),
        week("2022-W35", "2022-08-29", 51, 0, 0, 7), week("2022-W36", "2022-09-05", 57, 0, 0, 7));
    List<Row> jumps = QualityChecks.jumps(weekly, "entries", QualityChecks.ENTRIES_JUMP, RULE, "warning")
        .collectAsList();
    // W35: 0.6745 * 1 / 1 is no jump; W36: history 50 50 50 50 51, MAD 0 raised to 1, 0.6745 * 7 = 4.7 is.
    assertEquals(1, jumps.size(), jumps.toString());
    assertEquals(0.6745 * 7, jumps.get(0).getDouble(jumps.get(0).fieldIndex("value")), 1e-9);
  }

  @Test
  void sourcesDisagreeWhenTheirAbsoluteDailyDifferencesExceedTheTolerance() {
    Dataset<Row> rec = df(RECONCILIATION,
        // Week of 19 Sep: +10 and -10 on 1,000 a day is 1%, within 5% (and would cancel to 0 if signed).
        row("GE", date("2022-09-19"), "RU", "ENTRY", "ge_mia", 1000L, "ge_mia_daily", 1010L, 10L),
        row("GE", date("2022-09-20"), "RU", "ENTRY", "ge_mia", 1000L, "ge_mia_daily", 990L, -10L),
        // Week of 26 Sep: 200 set aside against 100 counted.
        row("GE", date("2022-09-27"), "RU", "ENTRY", "ge_mia", 100L, "ge_mia_daily", 200L, 100L));
    assertEquals(lines("[source_disagreement,warning,source_reconciliation,ge_mia_daily,GE,RU,2022-09-27,2022-09-27,"
            + "1.0,0.05,ge_mia_daily (set aside) and ge_mia (counted) differ by 100 ENTRY crossings of GE/RU in the "
            + "week of 2022-09-26, 100.0% of the 100 counted]"),
        sorted(QualityChecks.sourceDisagreement(rec, 0.05, "warning")));
  }

  @Test
  void aSeriesBelowZeroIsOneFindingWithItsLowestValue() {
    Dataset<Row> weekly = df(WEEKLY,
        week("2022-W31", "2022-08-01", 10, 5, 5, 7), week("2022-W32", "2022-08-08", 10, -8, -3, 7),
        week("2022-W33", "2022-08-15", 10, -7, -10, 7), week("2022-W34", "2022-08-22", 10, 12, 2, 7));
    assertEquals(lines("[negative_cumulative_stock,error,net_remaining_weekly,frontex,FI,RU,2022-08-08,2022-08-21,"
            + "-10.0,0.0,cumulative net of FI/RU is below zero in 2 week(s) from the week of 2022-08-08, lowest -10: "
            + "more exits than entries since the series began]"),
        sorted(QualityChecks.negativeCumulativeStock(weekly, "error")));
  }

  @Test
  void theSummaryCountsPerSeverityAndNamesWhatFailsTheRun() {
    List<Row> findings = List.of(RowFactory.create("net_jump", "warning", "W38 jumped"),
        RowFactory.create("negative_cumulative_stock", "error", "FI/RU below zero"),
        RowFactory.create("missing_days", "info", "a gap"));
    QualityStage.Outcome none = QualityStage.summarise(findings, 3, Optional.empty());
    assertEquals(Map.of("info", 1L, "warning", 1L, "error", 1L), none.summary().get("by_severity"));
    assertEquals(0L, none.summary().get("failing"));
    none.enforce();

    QualityStage.Outcome onWarning = QualityStage.summarise(findings, 3, Optional.of(Severity.WARNING));
    assertEquals(2L, onWarning.summary().get("failing"));
    QualityGateException e = assertThrows(QualityGateException.class, onWarning::enforce);
    assertTrue(e.getMessage().startsWith("2 data-quality finding(s) at or above warning"), e.getMessage());
    assertTrue(e.getMessage().contains("negative_cumulative_stock: FI/RU below zero"), e.getMessage());
  }

  @Test
  void settingsComeFromTheDefaultsAndABadSeverityIsAConfigurationError() {
    QualitySettings defaults = QualitySettings.from(ConfigLoader.load(null, List.of()).getConfig("borderflow"));
    assertEquals(Optional.empty(), defaults.failOn());
    assertEquals("error", defaults.severity(QualityChecks.MISSING_DAYS));
    assertEquals("info", defaults.severity(QualityChecks.INCOMPLETE_WEEK_AT_EDGE));
    assertEquals(new JumpRule(8, 4, 3.5, 1.0, 100.0), defaults.jump());
    assertEquals(Optional.of(Severity.ERROR), QualitySettings.from(ConfigLoader.load(null,
        List.of("borderflow.quality.fail-on=error")).getConfig("borderflow")).failOn());
    ConfigurationException bad = assertThrows(ConfigurationException.class, () -> QualitySettings.from(
        ConfigLoader.load(null, List.of("borderflow.quality.severity.net_jump=fatal")).getConfig("borderflow")));
    assertEquals("borderflow.quality.severity.net_jump: expected info, warning or error, got 'fatal'",
        bad.getMessage());
  }
}
