package org.borderflow.sample;

import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * Per-crossing events of Georgia's Ministry of Internal Affairs at Upper Lars (the land crossing from Russia) and
 * Tbilisi airport, August to October 2022.
 *
 * <p>The daily totals come from {@link GeorgiaTargets}; {@link EventsSimulation} decides who crosses. The mobilisation
 * rush from 21 September is mostly men aged 25-40 who came to stay, and most of it came by road.
 */
final class GeorgiaEventsGenerator extends EventsSimulation {

    static final String SOURCE = "ge_mia";
    static final String COUNTRY = "GE";
    static final ZoneId ZONE = ZoneId.of("Asia/Tbilisi");
    static final String[] POINTS = {"GE-UPPER-LARS", "GE-TBS-AIRPORT"};
    static final String[] BORDER_TYPES = {"LAND", "AIR"};
    static final String[] CITIZENSHIPS = {"RU", "AM", "TR", "UA", "BY", "KZ", "AZ", "IL", "DE"};

    /** Russian arrivals, by period; traveller kinds in {@link TravellerKind} order. */
    private static final Behaviour BEHAVIOUR = new Behaviour(
            new ArrivalMix(0.52, 0.09, 0, new double[] {0.40, 0.33, 0.12, 0.08, 0.00, 0.00, 0.07}),
            new ArrivalMix(0.83, 0.03, 1.0, new double[] {0.06, 0.10, 0.05, 0.04, 0.20, 0.20, 0.35}),
            new ArrivalMix(0.60, 0.06, 0.45, new double[] {0.30, 0.30, 0.20, 0.10, 0.00, 0.00, 0.10}),
            // Upper Lars carries most Russians, and nearly all of the rush.
            new double[] {0.82, 0.93, 0.85},
            // Other citizenships by share of the non-Russian traffic, and how many of them come by road.
            new double[] {0, 0.30, 0.22, 0.12, 0.10, 0.08, 0.08, 0.05, 0.05},
            new double[] {0, 0.45, 0.05, 0.35, 0.40, 0.40, 0.20, 0.00, 0.02},
            // People already in Georgia on 1 August, about the number that the August traffic and stays imply.
            70_000, 5_000);

    /** During the rush the queue at Upper Lars was days long: people crossed at every hour. */
    private static final double[] LAND_HOURS_RUSH = {3.6, 3.5, 3.4, 3.3, 3.3, 3.5, 3.8, 4.2, 4.5, 4.7, 4.8, 4.8,
                                                     4.8, 4.7, 4.6, 4.5, 4.4, 4.3, 4.2, 4.1, 4.0, 3.9, 3.8, 3.7};

    GeorgiaEventsGenerator(int divisor) {
        super(new EventSource(COUNTRY, ZONE, "ge-mia-", "ge-", POINTS, BORDER_TYPES, CITIZENSHIPS), BEHAVIOUR,
                new GeorgiaTargets(divisor, new SplittableRandom(0x47455441524754L)), // "GETARGT"
                new SplittableRandom(0x47454d4941L)); // "GEMIA"
    }

    /** The share of men in the rush: lower on the day of the order itself, and falling again in October. */
    @Override
    ArrivalMix russianArrivals(int day) {
        ArrivalMix mix = super.russianArrivals(day);
        if (day == MOBILISATION_DAY) {
            return mix.withMaleShare(0.70);
        }
        return isRush(day) && day > SampleCalendar.dayIndex(10, 1) ? mix.withMaleShare(0.75) : mix;
    }

    @Override
    double[] hours(int day, int point) {
        return point == LAND && isRush(day) ? LAND_HOURS_RUSH : super.hours(day, point);
    }
}
