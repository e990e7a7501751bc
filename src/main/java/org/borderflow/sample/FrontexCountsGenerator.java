package org.borderflow.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frontex-style daily counts at the EU/Schengen land borders with Russia (and Norway's Storskog), Russian and
 * Belarusian citizens, country-wide per day.
 *
 * <p>A smooth model (weekly rhythm, September decline, the Baltic and Polish entry ban on Russian tourists from
 * 19 September, the mobilisation surge from 21 September, Finland's closure from 30 September) gives every cell a
 * weight; published figures are then met exactly by pinning the days Frontex and the Finnish Border Guard published
 * and apportioning each published weekly total over the remaining cells of that week ({@link Apportion}).
 */
final class FrontexCountsGenerator {

    static final String SOURCE = "frontex";
    static final String[] COUNTRIES = {"FI", "EE", "LV", "LT", "PL", "NO"};
    static final String RU = "RU";
    static final String BY = "BY";

    /** Published weekly RU totals over the six countries (2022-W38, W43) and the W34-W37 baseline behind "+30%". */
    static final long W38_RU_ENTRIES = 65_951;
    static final long W38_RU_EXITS = 48_272;
    static final long W34_TO_W37_RU_ENTRIES = 202_926;
    static final long W43_RU_ENTRIES = 28_164;
    static final long W43_RU_EXITS = 25_651;
    /** "About" figures, fixed here so that the noise of the model cannot move them. */
    static final long W39_RU_ENTRIES = 52_968;
    static final long W39_RU_EXITS = 41_127;
    static final long W40_RU_ENTRIES = 25_614;
    static final long W40_RU_EXITS = 28_390;
    /** Weekly RU net (entries - exits) of the baseline weeks W34..W37: small and positive, as in late summer 2022. */
    static final long[] BASELINE_WEEKLY_NET = {1_180, 640, 1_510, 870};

    private static final int FI = 0;
    private static final int NO = 5;
    private static final int ENTRY = 0;
    private static final int EXIT = 1;
    private static final long FREE = -1;

    /** Monday..Sunday: Russians drive to Finland for the weekend and come back on Sunday. */
    private static final double[] ENTRY_WEEKDAY = {0.95, 0.90, 0.92, 1.00, 1.12, 1.10, 1.01};
    private static final double[] EXIT_WEEKDAY = {1.00, 0.95, 0.93, 0.95, 0.98, 1.04, 1.15};
    /** RU entries per day before the September events: FI at the start of August, then EE, LV, LT, PL, NO. */
    private static final double[] RU_BASE_LEVEL = {3_550, 1_450, 700, 480, 450, 370};
    /** BY entries per day at LV, LT, PL (the only Frontex countries bordering Belarus in this sample). */
    private static final String[] BY_COUNTRIES = {"LV", "LT", "PL"};
    private static final double[] BY_BASE_LEVEL = {230, 640, 820};

    private final SplittableRandom random = new SplittableRandom(0x46524f4e544558L); // "FRONTEX"
    private final double[][][] model = new double[COUNTRIES.length][2][SampleCalendar.DAYS];
    private final long[][][] pinned = new long[COUNTRIES.length][2][SampleCalendar.DAYS];
    private final long[][][] counts = new long[COUNTRIES.length][2][SampleCalendar.DAYS];

    /** All rows, ordered by date, reporting country, citizenship, direction. */
    List<DailyCount> generate() {
        buildRussianModel();
        pinFinnishBorderGuardDays();
        meetPublishedTotals();
        verifyCalibration();
        return toRows(buildBelarusianCounts());
    }

    private void buildRussianModel() {
        for (long[][] byDirection : pinned) {
            for (long[] days : byDirection) {
                Arrays.fill(days, FREE);
            }
        }
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            int weekday = SampleCalendar.dayOfWeek(d).getValue() - 1;
            model[FI][ENTRY][d] = finlandEntryLevel(d, weekday) * SampleCalendar.jitter(random, 0.06);
            model[FI][EXIT][d] = finlandExitLevel(d, weekday) * SampleCalendar.jitter(random, 0.06);
            for (int c = 1; c < COUNTRIES.length; c++) {
                double entries = RU_BASE_LEVEL[c] * otherCountryEntryFactor(c, d)
                        * softened(ENTRY_WEEKDAY[weekday]);
                model[c][ENTRY][d] = entries * SampleCalendar.jitter(random, 0.08);
                model[c][EXIT][d] = RU_BASE_LEVEL[c] * otherCountryEntryFactor(c, d) * otherCountryExitRatio(d)
                        * softened(EXIT_WEEKDAY[weekday]) * SampleCalendar.jitter(random, 0.08);
            }
        }
    }

    /** Finland: steady summer traffic, the mobilisation rush of 21-29 September, then the closure of 30 September. */
    private static double finlandEntryLevel(int d, int weekday) {
        int w38 = SampleCalendar.weekStartIndex(38);
        if (d < w38) {
            return (3_550 + 350.0 * d / w38) * ENTRY_WEEKDAY[weekday];
        }
        int closure = SampleCalendar.dayIndex(9, 30);
        if (d < closure) {
            double[] rush = {4_100, 4_250, 4_824, 6_350, 7_667, 8_572, 8_314, 7_747, 7_056, 6_600, 6_900};
            return rush[d - w38];
        }
        if (d < SampleCalendar.dayIndex(10, 3)) {
            double[] closed = {930, 870, 900};
            return closed[d - closure];
        }
        // Only family visits, students and workers: a few hundred a day, slowly fewer.
        return 830 - 4.0 * (d - SampleCalendar.dayIndex(10, 3));
    }

    private static double finlandExitLevel(int d, int weekday) {
        int w38 = SampleCalendar.weekStartIndex(38);
        if (d < w38) {
            return (3_550 + 350.0 * d / w38) * 0.965 * EXIT_WEEKDAY[weekday];
        }
        if (d < SampleCalendar.dayIndex(10, 3)) {
            double[] level = {3_750, 3_600, 3_480, 3_420, 3_545, 4_199, 5_068,
                              4_700, 4_350, 4_200, 4_450, 3_100, 2_100, 1_900};
            return level[d - w38];
        }
        // Russians already in Finland and Schengen going home through Finland after the closure.
        return 1_320 - 13.0 * (d - SampleCalendar.dayIndex(10, 3));
    }

    /** EE, LV, LT, PL stop Russian tourists on 19 September; Norway does not, and gets part of the rush. */
    private static double otherCountryEntryFactor(int c, int d) {
        int week = SampleCalendar.isoWeek(d);
        if (week <= 37) {
            double[] summer = {1.03, 1.02, 1.01, 1.00, 0.99, 0.98, 0.97};
            return summer[week - 31];
        }
        boolean beforeMobilisation = d < SampleCalendar.dayIndex(9, 21);
        boolean rush = d >= SampleCalendar.dayIndex(9, 22) && week == 38;
        if (c == NO) {
            if (week == 38) {
                return beforeMobilisation ? 1.0 : rush ? 1.5 : 1.2;
            }
            return week == 39 ? 1.6 : week == 40 ? 1.15 : 1.05;
        }
        if (week == 38) {
            return beforeMobilisation ? 0.80 : rush ? 0.95 : 0.85;
        }
        double[] autumn = {0.93, 0.80, 0.83, 0.87, 0.91};
        return autumn[week - 39];
    }

    /** Exits over entries outside Finland: fewer Russians go home during the mobilisation weeks. */
    private static double otherCountryExitRatio(int d) {
        int week = SampleCalendar.isoWeek(d);
        if (week <= 37) {
            return 0.975;
        }
        if (week == 38) {
            return d < SampleCalendar.dayIndex(9, 23) ? 0.97 : 0.90;
        }
        double[] autumn = {0.73, 1.02, 0.95, 0.95, 0.85};
        return autumn[week - 39];
    }

    /** The other countries' traffic follows the Finnish weekly rhythm at half its amplitude. */
    private static double softened(double weekdayFactor) {
        return 1.0 + 0.5 * (weekdayFactor - 1.0);
    }

    /** Daily RU figures published by the Finnish Border Guard for the mobilisation weeks. */
    private void pinFinnishBorderGuardDays() {
        pin(ENTRY, 9, 21, 4_824);
        pin(ENTRY, 9, 23, 7_667);
        pin(EXIT, 9, 23, 3_545);
        pin(ENTRY, 9, 24, 8_572);
        pin(EXIT, 9, 24, 4_199);
        pin(ENTRY, 9, 25, 8_314);
        pin(EXIT, 9, 25, 5_068);
        pin(ENTRY, 9, 26, 7_747);
        pin(ENTRY, 9, 27, 7_056);
        pin(ENTRY, 10, 4, 784);
        pin(EXIT, 10, 4, 1_289);
    }

    private void pin(int direction, int month, int day, long value) {
        pinned[FI][direction][SampleCalendar.dayIndex(month, day)] = value;
    }

    private void meetPublishedTotals() {
        for (int c = 0; c < COUNTRIES.length; c++) {
            for (int dir = ENTRY; dir <= EXIT; dir++) {
                for (int d = 0; d < SampleCalendar.DAYS; d++) {
                    counts[c][dir][d] = pinned[c][dir][d] != FREE ? pinned[c][dir][d] : Math.round(model[c][dir][d]);
                }
            }
        }
        apportion(ENTRY, 34, 37, W34_TO_W37_RU_ENTRIES);
        for (int week = 34; week <= 37; week++) {
            apportion(EXIT, week, week, weekTotal(ENTRY, week) - BASELINE_WEEKLY_NET[week - 34]);
        }
        apportion(ENTRY, 38, 38, W38_RU_ENTRIES);
        apportion(EXIT, 38, 38, W38_RU_EXITS);
        apportion(ENTRY, 39, 39, W39_RU_ENTRIES);
        apportion(EXIT, 39, 39, W39_RU_EXITS);
        apportion(ENTRY, 40, 40, W40_RU_ENTRIES);
        apportion(EXIT, 40, 40, W40_RU_EXITS);
        apportion(ENTRY, 43, 43, W43_RU_ENTRIES);
        apportion(EXIT, 43, 43, W43_RU_EXITS);
    }

    /** Sets the free RU cells of weeks {@code from..to} so that all six countries together sum to {@code total}. */
    private void apportion(int direction, int fromWeek, int toWeek, long total) {
        int first = SampleCalendar.weekStartIndex(fromWeek);
        int end = SampleCalendar.weekStartIndex(toWeek) + 7;
        int cells = (end - first) * COUNTRIES.length;
        double[] weights = new double[cells];
        long pinnedSum = 0;
        for (int d = first; d < end; d++) {
            for (int c = 0; c < COUNTRIES.length; c++) {
                int i = (d - first) * COUNTRIES.length + c;
                if (pinned[c][direction][d] != FREE) {
                    pinnedSum += pinned[c][direction][d];
                } else {
                    weights[i] = model[c][direction][d];
                }
            }
        }
        long[] shares = Apportion.largestRemainder(weights, total - pinnedSum);
        for (int d = first; d < end; d++) {
            for (int c = 0; c < COUNTRIES.length; c++) {
                if (pinned[c][direction][d] == FREE) {
                    counts[c][direction][d] = shares[(d - first) * COUNTRIES.length + c];
                }
            }
        }
    }

    private long weekTotal(int direction, int week) {
        long sum = 0;
        int first = SampleCalendar.weekStartIndex(week);
        for (int d = first; d < first + 7; d++) {
            for (int c = 0; c < COUNTRIES.length; c++) {
                sum += counts[c][direction][d];
            }
        }
        return sum;
    }

    private long countryWeekTotal(int c, int direction, int week) {
        long sum = 0;
        int first = SampleCalendar.weekStartIndex(week);
        for (int d = first; d < first + 7; d++) {
            sum += counts[c][direction][d];
        }
        return sum;
    }

    /** Fails the generation rather than write a sample that misses a published figure. */
    private void verifyCalibration() {
        check(weekTotal(ENTRY, 38) == W38_RU_ENTRIES, "W38 RU entries");
        check(weekTotal(EXIT, 38) == W38_RU_EXITS, "W38 RU exits");
        check(weekTotal(ENTRY, 43) == W43_RU_ENTRIES, "W43 RU entries");
        check(weekTotal(EXIT, 43) == W43_RU_EXITS, "W43 RU exits");
        long baseline = 0;
        for (int week = 34; week <= 37; week++) {
            baseline += weekTotal(ENTRY, week);
            long net = weekTotal(ENTRY, week) - weekTotal(EXIT, week);
            check(net > 0 && net < 2_500, "small positive baseline net in W" + week);
        }
        check(baseline == W34_TO_W37_RU_ENTRIES, "W34-W37 RU entries");
        check(weekTotal(EXIT, 40) > weekTotal(ENTRY, 40), "more exits than entries in W40");
        for (int d = SampleCalendar.dayIndex(9, 30); d < SampleCalendar.DAYS; d++) {
            check(counts[FI][ENTRY][d] < 1_000, "FI RU entries under 1,000 on " + SampleCalendar.date(d));
        }
        for (int week = 38; week <= 39; week++) {
            for (int c = 1; c < COUNTRIES.length; c++) {
                check(countryWeekTotal(FI, ENTRY, week) > countryWeekTotal(c, ENTRY, week),
                        "Finland's share is the largest in W" + week);
            }
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("Frontex sample misses its calibration: " + what);
        }
    }

    /** BY at LV, LT, PL: steady, unaffected by the Russian mobilisation, exits close to entries. */
    private long[][][] buildBelarusianCounts() {
        long[][][] by = new long[BY_COUNTRIES.length][2][SampleCalendar.DAYS];
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            int weekday = SampleCalendar.dayOfWeek(d).getValue() - 1;
            for (int c = 0; c < BY_COUNTRIES.length; c++) {
                by[c][ENTRY][d] = Math.round(BY_BASE_LEVEL[c] * softened(ENTRY_WEEKDAY[weekday])
                        * SampleCalendar.jitter(random, 0.10));
                by[c][EXIT][d] = Math.round(BY_BASE_LEVEL[c] * 0.99 * softened(EXIT_WEEKDAY[weekday])
                        * SampleCalendar.jitter(random, 0.10));
            }
        }
        return by;
    }

    private List<DailyCount> toRows(long[][][] belarusian) {
        List<DailyCount> rows = new ArrayList<>();
        Direction[] directions = Direction.values();
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            for (int c = 0; c < COUNTRIES.length; c++) {
                for (int dir = ENTRY; dir <= EXIT; dir++) {
                    rows.add(DailyCount.countryWide(SampleCalendar.date(d), COUNTRIES[c], RU, directions[dir],
                            counts[c][dir][d]));
                }
                int byIndex = Arrays.asList(BY_COUNTRIES).indexOf(COUNTRIES[c]);
                if (byIndex >= 0) {
                    for (int dir = ENTRY; dir <= EXIT; dir++) {
                        rows.add(DailyCount.countryWide(SampleCalendar.date(d), COUNTRIES[c], BY, directions[dir],
                                belarusian[byIndex][dir][d]));
                    }
                }
            }
        }
        return rows;
    }

    /** Weekly RU totals over the six countries, for the progress log. */
    String weeklySummary() {
        StringBuilder out = new StringBuilder();
        for (int week = 31; week <= 43; week++) {
            long fi = countryWeekTotal(FI, ENTRY, week);
            out.append(String.format("  2022-W%d RU entries %,7d exits %,7d net %,7d (FI entries %,6d)%n",
                    week, weekTotal(ENTRY, week), weekTotal(EXIT, week),
                    weekTotal(ENTRY, week) - weekTotal(EXIT, week), fi));
        }
        return out.toString();
    }
}
