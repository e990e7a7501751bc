package org.borderflow.sample;

import java.util.SplittableRandom;

/** How a traveller uses the border: how long they stay after an entry and whether they come back after an exit. */
enum TravellerKind {
    /** A few days: family visits, business, shopping. */
    SHORT(1, 5),
    /** One or two weeks of holiday. */
    TOURIST(4, 14),
    /** Remote workers and relocants who stay weeks to months. */
    LONG(15, 45),
    /** Drivers and border residents: short stays, back again after a few days abroad. */
    FREQUENT(1, 4),
    /** Passing through Georgia to a third country during the mobilisation. */
    TRANSIT(1, 4),
    /** Fled the mobilisation, waited a few weeks in Georgia, then moved on or went back. */
    MOVING_ON(7, 30),
    /** Came to stay: no exit planned. */
    STAYER(-1, -1);

    /** Planned departure day of a traveller who never plans to leave; sorts after every real day. */
    static final int NEVER = 1 << 20;

    private final int minStayDays;
    private final int maxStayDays;

    TravellerKind(int minStayDays, int maxStayDays) {
        this.minStayDays = minStayDays;
        this.maxStayDays = maxStayDays;
    }

    /** The day this traveller plans to leave, having entered on {@code entryDay}. */
    int plannedDeparture(int entryDay, SplittableRandom random) {
        if (this == STAYER) {
            return NEVER;
        }
        return entryDay + minStayDays + random.nextInt(maxStayDays - minStayDays + 1);
    }

    /** The day this traveller comes back, having left on {@code exitDay}, or -1 if they do not. */
    int plannedReturn(int exitDay, SplittableRandom random) {
        if (this == FREQUENT) {
            return exitDay + 2 + random.nextInt(8);
        }
        if (this != TRANSIT && random.nextDouble() < 0.05) {
            return exitDay + 10 + random.nextInt(31);
        }
        return -1;
    }
}
