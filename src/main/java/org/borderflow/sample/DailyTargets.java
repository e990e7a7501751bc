package org.borderflow.sample;

/**
 * How many crossings an event source must have on each local day, before any traveller is drawn: Russian entries and
 * exits, and those of everyone else.
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

    DailyTargets(int divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be at least 1: " + divisor);
        }
        this.divisor = divisor;
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
