package org.borderflow.sample;

import java.util.SplittableRandom;

/**
 * How many crossings an event source must have on each local day, before any traveller is drawn: Russian entries and
 * exits from a source's own model, and those of everyone else, a steady level with noise.
 *
 * <p>With a divisor above 1 every figure is divided by it and rounded, published ones included, so a smaller sample
 * keeps the same shape.
 */
abstract class DailyTargets {

    /** Monday..Sunday: a little more traffic towards the weekend. */
    static final double[] WEEKDAY = {0.97, 0.96, 0.97, 1.00, 1.03, 1.05, 1.02};

    final int divisor;
    final long[] ruEntries = new long[SampleCalendar.DAYS];
    final long[] ruExits = new long[SampleCalendar.DAYS];
    final long[] otherEntries = new long[SampleCalendar.DAYS];
    final long[] otherExits = new long[SampleCalendar.DAYS];

    /** Russian entries and exits of one day, before scaling. */
    record Flow(double entries, double exits) {
    }

    /** A source's model of the Russian traffic; it may draw from {@code random}. */
    @FunctionalInterface
    interface RussianModel {
        Flow day(int day, double weekday, SplittableRandom random);
    }

    DailyTargets(int divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be at least 1: " + divisor);
        }
        this.divisor = divisor;
    }

    /**
     * Fills every day: the Russian flow from {@code model}, then everyone else's entries and exits around the given
     * levels, with {@code otherNoise} as the jitter amplitude. Draws happen in that order, day after day.
     */
    void fill(SplittableRandom random, RussianModel model, double otherEntriesLevel, double otherExitsLevel,
              double otherNoise) {
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            double weekday = weekday(d);
            Flow russians = model.day(d, weekday, random);
            ruEntries[d] = scaled(russians.entries());
            ruExits[d] = scaled(russians.exits());
            otherEntries[d] = scaled(otherEntriesLevel * weekday * SampleCalendar.jitter(random, otherNoise));
            otherExits[d] = scaled(otherExitsLevel * weekday * SampleCalendar.jitter(random, otherNoise));
        }
    }

    /** A published or modelled figure at this sample's scale. */
    long scaled(double figure) {
        return Math.round(figure / divisor);
    }

    static double weekday(int day) {
        return WEEKDAY[SampleCalendar.dayOfWeek(day).getValue() - 1];
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
