package org.borderflow.sample;

import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * Per-crossing events of Armenia's National Security Service (border guard) at Zvartnots airport, where most
 * Russians arrived, and at Bagratashen, the road crossing from Georgia (Armenia's land route from Russia runs through
 * Georgia), August to October 2022.
 *
 * <p>The daily totals come from {@link ArmeniaTargets}; {@link EventsSimulation} decides who crosses. Citizenships are
 * ISO alpha-3 codes here, as this source delivers them; {@link AmNssDelivery} writes the rows in the source's own
 * shape.
 */
final class ArmeniaEventsGenerator extends EventsSimulation {

    static final String SOURCE = "am_nss";
    static final String COUNTRY = "AM";
    static final ZoneId ZONE = ZoneId.of("Asia/Yerevan");
    static final String[] POINTS = {"AM-BAGRATASHEN", "AM-ZVARTNOTS"};
    static final String[] BORDER_TYPES = {"LAND", "AIR"};
    static final String[] CITIZENSHIPS = {"RUS", "BLR", "UKR", "USA"};

    /** Russian arrivals, by period; traveller kinds in {@link TravellerKind} order. */
    private static final Behaviour BEHAVIOUR = new Behaviour(
            new ArrivalMix(0.52, 0.08, 0, new double[] {0.38, 0.37, 0.12, 0.05, 0.00, 0.00, 0.08}),
            new ArrivalMix(0.78, 0.04, 1.0, new double[] {0.06, 0.10, 0.08, 0.02, 0.18, 0.22, 0.34}),
            new ArrivalMix(0.60, 0.06, 0.45, new double[] {0.32, 0.30, 0.18, 0.05, 0.00, 0.00, 0.15}),
            // Most Russians flew to Yerevan; during the rush more of them drove on from Upper Lars through Georgia.
            new double[] {0.15, 0.30, 0.18},
            // BLR, UKR, USA by share of the non-Russian traffic, and how many of them come by road.
            new double[] {0, 0.50, 0.30, 0.20},
            new double[] {0, 0.25, 0.35, 0.02},
            // People already in Armenia on 1 August: a week or two of summer arrivals, and the spring's relocants.
            25_000, 2_000);

    /** @param divisor every daily figure is divided by it and rounded (see {@link DailyTargets}) */
    ArmeniaEventsGenerator(int divisor) {
        super(new EventSource(COUNTRY, ZONE, "am-nss-", "am-", POINTS, BORDER_TYPES, CITIZENSHIPS), BEHAVIOUR,
                new ArmeniaTargets(divisor, new SplittableRandom(0x414d5441524754L)), // "AMTARGT"
                new SplittableRandom(0x414d4e5353L)); // "AMNSS"
    }
}
