package org.borderflow.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The prior-year weeks the same-weeks and seasonal baselines read: ISO weeks {@value #FIRST_WEEK} to
 * {@value #LAST_WEEK} of 2019 and 2021 (2020 is skipped: borders were closed), Russian citizens, for one
 * destination at a time, as daily counts. Half a year is enough for the window's weeks and an annual cycle to fit,
 * and keeps the sample small.
 *
 * <p>Each destination's level is its own 2022 pre-event level (22 August - 18 September, from the 2022 rows)
 * times a factor per year; {@code sample-data/README.md} gives each factor and says which are published figures
 * and which are assumptions. Days follow a summer season peaking in early August, the weekday pattern of the other
 * sources and mild noise; exits follow entries ten days later in the season, so late-summer weeks have more exits
 * than entries, as returning holiday-makers make them.
 */
final class PriorYearsGenerator {

    static final List<Integer> YEARS = List.of(2019, 2021);
    static final int FIRST_WEEK = 27;
    static final int LAST_WEEK = 52;
    /** The history arrives as one delivery, after the last week of 2021. */
    static final LocalDate INGEST = LocalDate.of(2022, 1, 10);
    static final LocalDate REFERENCE_FIRST = LocalDate.of(2022, 8, 22);
    static final LocalDate REFERENCE_LAST = LocalDate.of(2022, 9, 18);

    private static final double[] WEEKDAY = {0.92, 0.88, 0.90, 0.97, 1.15, 1.10, 1.08};
    private static final double NOISE = 0.08;
    private static final int EXIT_LAG_DAYS = 10;

    /**
     * One destination's prior years.
     *
     * @param reference its 2022 rows (Russian citizens, any days: the pre-event ones are used)
     * @param levels    per year of {@link #YEARS}, the level relative to 2022's pre-event weeks
     * @param withExits false for a destination that publishes entries only
     * @param calibration a published month to meet exactly (null for none)
     */
    static List<DailyCount> rows(String country, List<DailyCount> reference, double[] levels, boolean withExits,
                                 PublishedMonth calibration, long seed) {
        double[] level = referenceLevel(reference);
        List<DailyCount> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < YEARS.size(); y++) {
            int year = YEARS.get(y);
            LocalDate first = weekStart(year, FIRST_WEEK);
            LocalDate last = weekStart(year, LAST_WEEK).plusDays(6);
            int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
            double[][] model = new double[2][days];
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                double weekday = WEEKDAY[date.getDayOfWeek().getValue() - 1];
                model[0][d] = level[0] * levels[y] * season(date) / level[2] * weekday * noise(random);
                model[1][d] = level[1] * levels[y] * season(date.minusDays(EXIT_LAG_DAYS)) / level[2] * weekday
                        * noise(random);
            }
            if (calibration != null && calibration.year() == year) {
                calibrate(model, first, calibration);
            }
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                rows.add(DailyCount.countryWide(date, country, "RU", Direction.ENTRY, Math.round(model[0][d])));
                if (withExits) {
                    rows.add(DailyCount.countryWide(date, country, "RU", Direction.EXIT, Math.round(model[1][d])));
                }
            }
        }
        return rows;
    }

    /** A month whose Russian entries are published: {@code entries} in {@code month} of {@code year}. */
    record PublishedMonth(int year, int month, long entries) {}

    /**
     * Scales the year so the month's entries meet the published total, then splits the total over its days in the
     * model's proportions, so the month adds up exactly.
     */
    private static void calibrate(double[][] model, LocalDate first, PublishedMonth month) {
        List<Integer> days = new ArrayList<>();
        double modelled = 0;
        for (int d = 0; d < model[0].length; d++) {
            LocalDate date = first.plusDays(d);
            if (date.getYear() == month.year() && date.getMonthValue() == month.month()) {
                days.add(d);
                modelled += model[0][d];
            }
        }
        double scale = month.entries() / modelled;
        for (double[] direction : model) {
            for (int d = 0; d < direction.length; d++) {
                direction[d] *= scale;
            }
        }
        double[] weights = days.stream().mapToDouble(d -> model[0][d]).toArray();
        long[] exact = Apportion.largestRemainder(weights, month.entries());
        for (int i = 0; i < days.size(); i++) {
            model[0][days.get(i)] = exact[i];
        }
    }

    /** Mean daily entries and exits of the reference weeks, and the mean season over them. */
    private static double[] referenceLevel(List<DailyCount> reference) {
        double entries = 0;
        double exits = 0;
        for (DailyCount r : reference) {
            if (r.citizenship().equals("RU") && !r.date().isBefore(REFERENCE_FIRST) && !r.date().isAfter(REFERENCE_LAST)) {
                if (r.direction() == Direction.ENTRY) {
                    entries += r.crossings();
                } else {
                    exits += r.crossings();
                }
            }
        }
        int days = (int) (REFERENCE_LAST.toEpochDay() - REFERENCE_FIRST.toEpochDay()) + 1;
        double season = 0;
        for (int d = 0; d < days; d++) {
            season += season(REFERENCE_FIRST.plusDays(d));
        }
        return new double[] {entries / days, exits / days, season / days};
    }

    /** Summer travel: +25% at the peak in early August, -25% in early February. */
    static double season(LocalDate date) {
        return 1 + 0.25 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 218) / 365.25);
    }

    private static double noise(SplittableRandom random) {
        return SampleCalendar.jitter(random, NOISE);
    }

    static LocalDate weekStart(int isoYear, int week) {
        return LocalDate.of(isoYear, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .plusWeeks(week - 1);
    }
}
