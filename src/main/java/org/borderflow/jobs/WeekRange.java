package org.borderflow.jobs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.borderflow.config.ConfigurationException;

/** The ISO weeks a {@code --from/--to} pair touches, as their Mondays. */
public record WeekRange(LocalDate from, LocalDate to) {

  public WeekRange {
    if (to.isBefore(from)) {
      throw new ConfigurationException("--to " + to + " is before --from " + from);
    }
  }

  public LocalDate firstMonday() {
    return from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate lastMonday() {
    return to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The Monday of a day's ISO week. */
  public static LocalDate mondayOf(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public List<LocalDate> mondays() {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = firstMonday(); !d.isAfter(lastMonday()); d = d.plusWeeks(1)) {
      out.add(d);
    }
    return out;
  }
}
