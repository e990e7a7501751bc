package org.borderflow.sample;

import java.util.SplittableRandom;

/**
 * How many crossings the Armenian sample must have on each local day, before any traveller is drawn.
 *
 * <p>No daily figure was published, so the model follows the reported shape: about 1,500-2,500 Russian arrivals a day
 * in summer; 5,000-6,000 a day on 22-28 September, when Yerevan was one of the few destinations with direct flights
 * from Russia, while exits stayed well below entries; then back near the summer level by mid-October, with people
 * moving on or going home so that exits briefly exceed entries.
 */
final class ArmeniaTargets extends DailyTargets {

    /** Russian entries and exits on 22-28 September 2022 (before noise). */
    private static final double[] SURGE_ENTRIES = {5_200, 5_600, 5_900, 5_800, 5_700, 5_450, 5_150};
    private static final double[] SURGE_EXITS = {3_300, 3_600, 3_900, 4_100, 4_300, 4_400, 4_500};

    ArmeniaTargets(int divisor, SplittableRandom random) {
        super(divisor);
        int surgeStart = SampleCalendar.dayIndex(9, 22);
        int surgeEnd = SampleCalendar.dayIndex(9, 28);
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            double weekday = weekday(d);
            double entries;
            double exits;
            if (d < EventsSimulation.MOBILISATION_DAY) {
                double season = 1_950 + 150 * Math.sin(Math.PI * d / EventsSimulation.MOBILISATION_DAY);
                entries = clamp(season * weekday * SampleCalendar.jitter(random, 0.04), 1_600, 2_400);
                exits = entries * 0.97 * SampleCalendar.jitter(random, 0.04);
            } else if (d < surgeStart) {
                // The day of the order: tickets for the next days sold out within hours.
                entries = 2_700 * SampleCalendar.jitter(random, 0.02);
                exits = 2_050 * SampleCalendar.jitter(random, 0.03);
            } else if (d <= surgeEnd) {
                entries = clamp(SURGE_ENTRIES[d - surgeStart] * SampleCalendar.jitter(random, 0.02), 5_000, 6_000);
                exits = SURGE_EXITS[d - surgeStart] * SampleCalendar.jitter(random, 0.03);
            } else {
                double afterSurge = d - surgeEnd;
                entries = (2_150 + 2_900 * Math.exp(-afterSurge / 4.0)) * weekday * SampleCalendar.jitter(random, 0.04);
                exits = (2_100 + 2_650 * Math.exp(-afterSurge / 7.0)) * weekday * SampleCalendar.jitter(random, 0.04);
            }
            ruEntries[d] = scaled(entries);
            ruExits[d] = scaled(exits);
            otherEntries[d] = scaled(220 * weekday * SampleCalendar.jitter(random, 0.12));
            otherExits[d] = scaled(215 * weekday * SampleCalendar.jitter(random, 0.12));
        }
    }
}
