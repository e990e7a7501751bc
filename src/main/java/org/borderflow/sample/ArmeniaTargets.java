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

    private static final int SURGE_START = SampleCalendar.dayIndex(9, 22);
    private static final int SURGE_END = SampleCalendar.dayIndex(9, 28);

    ArmeniaTargets(int divisor, SplittableRandom random) {
        super(divisor);
        fill(random, ArmeniaTargets::russians, 220, 215, 0.12);
    }

    private static Flow russians(int d, double weekday, SplittableRandom random) {
        if (d < EventsSimulation.MOBILISATION_DAY) {
            double season = 1_950 + 150 * Math.sin(Math.PI * d / EventsSimulation.MOBILISATION_DAY);
            double entries = clamp(season * weekday * SampleCalendar.jitter(random, 0.04), 1_600, 2_400);
            return new Flow(entries, entries * 0.97 * SampleCalendar.jitter(random, 0.04));
        }
        if (d < SURGE_START) {
            // The day of the order: tickets for the next days sold out within hours.
            return new Flow(2_700 * SampleCalendar.jitter(random, 0.02), 2_050 * SampleCalendar.jitter(random, 0.03));
        }
        if (d <= SURGE_END) {
            double entries = clamp(SURGE_ENTRIES[d - SURGE_START] * SampleCalendar.jitter(random, 0.02), 5_000, 6_000);
            return new Flow(entries, SURGE_EXITS[d - SURGE_START] * SampleCalendar.jitter(random, 0.03));
        }
        double afterSurge = d - SURGE_END;
        return new Flow((2_150 + 2_900 * Math.exp(-afterSurge / 4.0)) * weekday * SampleCalendar.jitter(random, 0.04),
                (2_100 + 2_650 * Math.exp(-afterSurge / 7.0)) * weekday * SampleCalendar.jitter(random, 0.04));
    }
}
