package org.borderflow.sample;

import java.util.SplittableRandom;

/**
 * How many crossings the Georgian sample must have on each local day, before any traveller is drawn.
 *
 * <p>Georgia's Ministry of Internal Affairs published Russian entries and exits for the days after the mobilisation
 * order; those days are met exactly, the rest follows a smooth model with mild noise.
 */
final class GeorgiaTargets extends DailyTargets {

    /** Russian entries on 25 and 26 September 2022, and entries and exits over 23-26 September. */
    static final long RU_ENTRIES_25_SEP = 11_143;
    static final long RU_ENTRIES_26_SEP = 10_804;
    static final long RU_ENTRIES_23_TO_26_SEP = 40_548;
    static final long RU_EXITS_23_TO_26_SEP = 22_929;

    private static final int SETTLED = SampleCalendar.dayIndex(10, 3);
    private static final double[] RUSH_ENTRIES = {6_300, 7_400, 8_750, 9_850, RU_ENTRIES_25_SEP, RU_ENTRIES_26_SEP,
                                                  10_300, 9_400, 8_300, 7_300, 6_700, 6_350};
    private static final double[] RUSH_EXITS = {5_450, 5_600, 5_550, 5_650, 5_800, 5_929,
                                                6_300, 6_700, 6_600, 6_400, 6_300, 6_200};

    GeorgiaTargets(int divisor, SplittableRandom random) {
        super(divisor);
        fill(random, GeorgiaTargets::russians, 380, 372, 0.12);
        meetPublishedDays();
    }

    private static Flow russians(int d, double weekday, SplittableRandom random) {
        int mobilisation = EventsSimulation.MOBILISATION_DAY;
        if (d < mobilisation) {
            // Summer peak in mid-August; the noise is small enough to stay in the published 5,000-6,000 a day,
            // the clamp only guards that.
            double season = 5_400 + 100 * Math.sin(Math.PI * d / mobilisation);
            double entries = clamp(season * weekday * SampleCalendar.jitter(random, 0.03), 5_000, 6_000);
            return new Flow(entries, entries * 0.965 * SampleCalendar.jitter(random, 0.04));
        }
        if (d < SETTLED) {
            return new Flow(RUSH_ENTRIES[d - mobilisation], RUSH_EXITS[d - mobilisation]);
        }
        double trend = 6_050 - 12.0 * (d - SETTLED);
        double entries = trend * weekday * SampleCalendar.jitter(random, 0.05);
        return new Flow(entries, entries * 0.985 * SampleCalendar.jitter(random, 0.04));
    }

    private void meetPublishedDays() {
        int sep23 = SampleCalendar.dayIndex(9, 23);
        int sep25 = SampleCalendar.dayIndex(9, 25);
        int sep26 = SampleCalendar.dayIndex(9, 26);
        ruEntries[sep25] = scaled(RU_ENTRIES_25_SEP);
        ruEntries[sep26] = scaled(RU_ENTRIES_26_SEP);
        long[] sep23and24 = Apportion.largestRemainder(
                new double[] {ruEntries[sep23], ruEntries[sep23 + 1]},
                scaled(RU_ENTRIES_23_TO_26_SEP) - ruEntries[sep25] - ruEntries[sep26]);
        ruEntries[sep23] = sep23and24[0];
        ruEntries[sep23 + 1] = sep23and24[1];
        long[] exits = Apportion.largestRemainder(
                new double[] {ruExits[sep23], ruExits[sep23 + 1], ruExits[sep25], ruExits[sep26]},
                scaled(RU_EXITS_23_TO_26_SEP));
        System.arraycopy(exits, 0, ruExits, sep23, exits.length);
    }
}
