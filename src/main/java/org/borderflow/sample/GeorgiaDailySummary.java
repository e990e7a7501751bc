package org.borderflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code daily_counts/ge_mia_daily}: the daily summary Georgia's Ministry of Internal Affairs published for the weeks
 * around the mobilisation order, overlapping its own per-crossing events ({@code crossing_events/ge_mia}).
 *
 * <p>Each figure is the events' Russian count for that local day and direction, rounded to the nearest 100 (halves
 * up), as a ministry publishes "about 11,100". So the two sources cover the same (GE, day, RU) units and differ by at
 * most 50 a row: event sources come first by default, so a run counts the events and sets these rows aside in
 * {@code source_reconciliation}, with the difference.
 */
final class GeorgiaDailySummary {

    static final String SOURCE = "ge_mia_daily";
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 9, 19);
    static final LocalDate LAST_DAY = LocalDate.of(2022, 10, 2);
    /** Published the day after the last day it covers. */
    static final LocalDate INGEST = LAST_DAY.plusDays(1);
    static final long ROUNDING = 100;

    private GeorgiaDailySummary() {
    }

    /** By day, then ENTRY before EXIT. */
    static List<DailyCount> rows(GeneratedEvents events) {
        return daily(events, FIRST_DAY, LAST_DAY).stream().map(r -> DailyCount.countryWide(r.date(),
                r.reportingCountry(), r.citizenship(), r.direction(), rounded(r.crossings()))).toList();
    }

    /** Russian citizens' crossings per local day of the events from {@code firstDay} to {@code lastDay}, exact. */
    static List<DailyCount> daily(GeneratedEvents events, LocalDate firstDay, LocalDate lastDay) {
        int first = SampleCalendar.dayIndex(firstDay);
        int days = SampleCalendar.dayIndex(lastDay) - first + 1;
        long[][] counts = new long[days][Direction.values().length];
        String ru = GeorgiaEventsGenerator.CITIZENSHIPS[0];
        for (int event = 0; event < events.size(); event++) {
            int day = SampleCalendar.dayIndex(events.localDate(event)) - first;
            if (day >= 0 && day < days && events.citizenship(event).equals(ru)) {
                counts[day][events.direction(event).ordinal()]++;
            }
        }
        List<DailyCount> rows = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            for (Direction direction : Direction.values()) {
                rows.add(DailyCount.countryWide(firstDay.plusDays(day), GeorgiaEventsGenerator.COUNTRY, ru,
                        direction, counts[day][direction.ordinal()]));
            }
        }
        return rows;
    }

    /** To the nearest {@link #ROUNDING}, halves up. */
    static long rounded(long count) {
        return (count + ROUNDING / 2) / ROUNDING * ROUNDING;
    }
}
