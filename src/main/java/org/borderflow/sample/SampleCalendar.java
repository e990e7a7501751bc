package org.borderflow.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.SplittableRandom;

/**
 * The days the sample covers: ISO weeks 2022-W31 to 2022-W43, Monday 1 August to Sunday 30 October 2022.
 *
 * <p>Whole ISO weeks on purpose, so every week in the sample is complete and weekly figures can be checked against
 * published weekly numbers. Day indexes (0 = 1 August) keep the generators on plain arrays.
 */
final class SampleCalendar {

    static final LocalDate FIRST_DAY = LocalDate.of(2022, 8, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2022, 10, 30);
    static final int DAYS = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;

    private SampleCalendar() {
    }

    static LocalDate date(int dayIndex) {
        return FIRST_DAY.plusDays(dayIndex);
    }

    static int dayIndex(LocalDate date) {
        int index = (int) (date.toEpochDay() - FIRST_DAY.toEpochDay());
        if (index < 0 || index >= DAYS) {
            throw new IllegalArgumentException(date + " is outside the sample period");
        }
        return index;
    }

    static int dayIndex(int month, int dayOfMonth) {
        return dayIndex(LocalDate.of(2022, month, dayOfMonth));
    }

    /** ISO week number of a day (all days of the sample are in ISO week-year 2022). */
    static int isoWeek(int dayIndex) {
        return date(dayIndex).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** Index of the Monday of ISO week {@code week} of 2022. */
    static int weekStartIndex(int week) {
        int index = (week - isoWeek(0)) * 7;
        if (index < 0 || index + 7 > DAYS || date(index).getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("2022-W" + week + " is not a whole week of the sample");
        }
        return index;
    }

    static DayOfWeek dayOfWeek(int dayIndex) {
        return date(dayIndex).getDayOfWeek();
    }

    /** A multiplicative jitter in [1 - amplitude, 1 + amplitude], peaked at 1 (sum of two uniforms). */
    static double jitter(SplittableRandom random, double amplitude) {
        return 1.0 + amplitude * (random.nextDouble() + random.nextDouble() - 1.0);
    }
}
