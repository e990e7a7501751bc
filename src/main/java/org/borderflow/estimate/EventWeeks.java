package org.borderflow.estimate;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.EventDefinition;

/**
 * The ISO weeks each event reads and the role of each: a small table built on the driver from configuration, so
 * the weekly table is joined once for every baseline. A week can have several roles (a pre-event week is also a
 * week the seasonal regression is fitted on), and is listed once with all of them.
 */
final class EventWeeks {

  static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("week_start", DataTypes.DateType, false)
      .add("in_window", DataTypes.BooleanType, false)
      .add("event_week", DataTypes.BooleanType, false)
      .add("pre_event", DataTypes.BooleanType, false)
      // The prior ISO year whose week has the ISO week number of one of the window's weeks (same_weeks_prior_years).
      .add("aligned_year", DataTypes.IntegerType, true)
      .add("aligned_event_week", DataTypes.BooleanType, false)
      // A week the seasonal regression is fitted on: every week of the prior years and the pre-event weeks.
      .add("fit", DataTypes.BooleanType, false)
      .add("prior_year", DataTypes.BooleanType, false);

  private EventWeeks() {}

  static Dataset<Row> of(SparkSession spark, List<EventDefinition> events) {
    List<Row> rows = new ArrayList<>();
    for (EventDefinition e : events) {
      rows.addAll(rows(e));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static List<Row> rows(EventDefinition e) {
    Map<LocalDate, Role> roles = new TreeMap<>();
    Set<Integer> windowWeekNumbers = new TreeSet<>();
    for (int i = 0; i < e.windowWeeks(); i++) {
      LocalDate monday = e.windowStart().plusWeeks(i);
      roles.computeIfAbsent(monday, m -> new Role()).window = true;
      windowWeekNumbers.add(monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    roles.get(e.windowStart()).eventWeek = true;
    for (int i = 1; i <= e.baselineWeeks(); i++) {
      Role r = roles.computeIfAbsent(e.windowStart().minusWeeks(i), m -> new Role());
      r.preEvent = true;
      r.fit = true;
    }
    int eventWeekNumber = e.windowStart().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    for (int year : e.priorYears()) {
      for (LocalDate monday = firstMonday(year); firstMonday(year + 1).isAfter(monday); monday = monday.plusWeeks(1)) {
        Role r = roles.computeIfAbsent(monday, m -> new Role());
        int week = monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        r.fit = true;
        r.priorYear = true;
        if (windowWeekNumbers.contains(week)) {
          r.alignedYear = year;
          r.alignedEventWeek = week == eventWeekNumber;
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    roles.forEach((monday, r) -> rows.add(RowFactory.create(e.id(), Date.valueOf(monday), r.window, r.eventWeek,
        r.preEvent, r.alignedYear, r.alignedEventWeek, r.fit, r.priorYear)));
    return rows;
  }

  /** Monday of ISO week 1 of an ISO year: the Monday of the week holding 4 January. */
  static LocalDate firstMonday(int isoYear) {
    return LocalDate.of(isoYear, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static final class Role {
    boolean window;
    boolean eventWeek;
    boolean preEvent;
    Integer alignedYear;
    boolean alignedEventWeek;
    boolean fit;
    boolean priorYear;
  }
}
