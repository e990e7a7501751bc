package org.borderflow.sample;

import java.time.ZoneId;
import java.util.BitSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Per-crossing events of Georgia's Ministry of Internal Affairs at Upper Lars (the land crossing from Russia) and
 * Tbilisi airport, August to October 2022.
 *
 * <p>The daily totals come from {@link GeorgiaTargets}; this class decides who crosses. Each day, exits are taken
 * first from the people whose planned stay is over, then, when the day needs more, from the people who were already
 * in Georgia on 1 August (they leave without an entry in the data, as they would in any extract that starts in the
 * middle of the traffic), and only then by cutting short the stays of the people who would leave next. Entries are
 * people coming back and new arrivals. Whether a new arrival comes and goes, crosses repeatedly, passes through or
 * stays, and their sex and age, depend on the day: the mobilisation rush from 21 September is mostly men aged 25-40
 * who came to stay.
 */
final class GeorgiaEventsGenerator {

    static final String SOURCE = "ge_mia";
    static final String COUNTRY = "GE";
    static final ZoneId ZONE = ZoneId.of("Asia/Tbilisi");
    static final String[] POINTS = {"GE-UPPER-LARS", "GE-TBS-AIRPORT"};
    static final String[] BORDER_TYPES = {"LAND", "AIR"};
    static final String[] CITIZENSHIPS = {"RU", "AM", "TR", "UA", "BY", "KZ", "AZ", "IL", "DE"};
    static final String[] SEXES = {"M", "F"};

    private static final int LAND = 0;
    private static final int AIR = 1;
    private static final int RU = 0;
    private static final int MALE = 0;
    private static final int FEMALE = 1;
    private static final int RUSSIANS = 0;
    private static final int OTHERS = 1;

    /** Citizenships other than RU, by share of the non-Russian traffic, and how many of them come by road. */
    private static final double[] OTHER_CITIZENSHIP_WEIGHT = {0, 0.30, 0.22, 0.12, 0.10, 0.08, 0.08, 0.05, 0.05};
    private static final double[] OTHER_LAND_SHARE = {0, 0.45, 0.05, 0.35, 0.40, 0.40, 0.20, 0.00, 0.02};

    /** Local hour weights. Upper Lars is open around the clock but busiest by day; Tbilisi has night flights. */
    private static final double[] LAND_HOURS = {2.0, 1.5, 1.2, 1.0, 1.0, 1.5, 2.5, 4.0, 5.5, 6.5, 7.0, 7.0,
                                                7.0, 6.8, 6.5, 6.2, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5};
    /** During the rush the queue at Upper Lars was days long: people crossed at every hour. */
    private static final double[] LAND_HOURS_RUSH = {3.6, 3.5, 3.4, 3.3, 3.3, 3.5, 3.8, 4.2, 4.5, 4.7, 4.8, 4.8,
                                                     4.8, 4.7, 4.6, 4.5, 4.4, 4.3, 4.2, 4.1, 4.0, 3.9, 3.8, 3.7};
    private static final double[] AIR_HOURS = {3.0, 5.0, 6.0, 6.0, 5.0, 3.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0,
                                               4.0, 4.0, 4.0, 4.0, 5.0, 5.0, 4.0, 4.0, 4.0, 3.0, 3.0, 3.0};

    /** Traveller kinds, in {@link TravellerKind} order: SHORT, TOURIST, LONG, FREQUENT, TRANSIT, MOVING_ON, STAYER. */
    private static final double[] KINDS_BEFORE = {0.40, 0.33, 0.12, 0.08, 0.00, 0.00, 0.07};
    private static final double[] KINDS_RUSH = {0.06, 0.10, 0.05, 0.04, 0.20, 0.20, 0.35};
    private static final double[] KINDS_AFTER = {0.30, 0.30, 0.20, 0.10, 0.00, 0.00, 0.10};
    private static final double[] KINDS_OTHERS = {0.42, 0.38, 0.10, 0.10, 0.00, 0.00, 0.00};

    /** Adult age bands [from, to) and their weights, for everyone but the men of the rush. */
    private static final int[] ADULT_AGE_BANDS = {18, 25, 35, 45, 55, 65, 80};
    private static final double[] ADULT_AGE_WEIGHTS = {12, 26, 24, 17, 13, 8};
    /** Men fleeing mobilisation: reservists, mostly 25 to 40. */
    private static final int[] MOBILISED_AGE_BANDS = {18, 25, 41, 51, 66};
    private static final double[] MOBILISED_AGE_WEIGHTS = {15, 65, 14, 6};

    /**
     * People already in Georgia on 1 August, about the number that the August traffic and stays imply. Only those
     * needed to meet the daily exits ever cross, mostly in August; the others never appear in the data.
     */
    private static final double PRESENT_BEFORE_START_RU = 70_000;
    private static final double PRESENT_BEFORE_START_OTHERS = 5_000;
    /** At most this share of a day's entries are people coming back; the rest are first arrivals. */
    private static final double MAX_RETURNING_SHARE = 0.25;

    private final SplittableRandom random = new SplittableRandom(0x47454d4941L); // "GEMIA"
    private final GeorgiaTargets targets;
    private final TravellerRegistry travellers = new TravellerRegistry("ge-");
    private final EventLog log = new EventLog();
    /** Russians and everyone else are drawn from separate populations, so their daily totals can be set apart. */
    private final Population[] populations = {new Population(), new Population()};
    private final int mobilisationDay = SampleCalendar.dayIndex(9, 21);
    private final int rushEndDay = SampleCalendar.dayIndex(10, 5);
    private final BitSet entered = new BitSet();
    private long exitsWithoutEntry;

    GeorgiaEventsGenerator(int divisor) {
        this.targets = new GeorgiaTargets(divisor, new SplittableRandom(0x47455441524754L)); // "GETARGT"
    }

    /** Exits of people who were in Georgia before the data starts. */
    long exitsWithoutEntry() {
        return exitsWithoutEntry;
    }

    GeneratedEvents generate() {
        seedPeopleAlreadyPresent(RUSSIANS, targets.scaled(PRESENT_BEFORE_START_RU));
        seedPeopleAlreadyPresent(OTHERS, targets.scaled(PRESENT_BEFORE_START_OTHERS));
        for (int day = 0; day < SampleCalendar.DAYS; day++) {
            exits(RUSSIANS, day, targets.ruExits[day]);
            entries(RUSSIANS, day, targets.ruEntries[day]);
            exits(OTHERS, day, targets.otherExits[day]);
            entries(OTHERS, day, targets.otherEntries[day]);
        }
        log.sortByTime();
        return new GeneratedEvents(log, travellers, COUNTRY, ZONE, "ge-mia-", POINTS, BORDER_TYPES, CITIZENSHIPS,
                SEXES);
    }

    private void seedPeopleAlreadyPresent(int group, long people) {
        for (long i = 0; i < people; i++) {
            int traveller = newTraveller(group, 0);
            // Somewhere in the middle of their stay on 1 August: what is left of it is a uniform part of a whole stay.
            int wholeStay = travellers.kind(traveller).plannedDeparture(0, random);
            int plannedDeparture = wholeStay == TravellerKind.NEVER ? wholeStay : (int) (random.nextDouble() * wholeStay);
            populations[group].residents.add(key(plannedDeparture, traveller));
        }
    }

    private void exits(int group, int day, long count) {
        Population population = populations[group];
        for (long i = 0; i < count; i++) {
            Long next;
            if (!population.present.isEmpty() && dayOf(population.present.peek()) <= day) {
                next = population.present.poll();
            } else if (!population.residents.isEmpty()) {
                next = population.residents.poll();
            } else {
                next = population.present.poll();
            }
            // Nobody left at all (only at extreme divisors): someone who was in Georgia all along.
            int traveller = next == null ? newTraveller(group, 0) : travellerOf(next);
            if (!entered.get(traveller)) {
                exitsWithoutEntry++;
            }
            record(day, traveller, Direction.EXIT);
            int back = travellers.kind(traveller).plannedReturn(day, random);
            if (back >= 0 && back < SampleCalendar.DAYS) {
                populations[group].abroad.add(key(back, traveller));
            }
        }
    }

    private void entries(int group, int day, long count) {
        long returning = 0;
        long maxReturning = (long) Math.floor(count * MAX_RETURNING_SHARE);
        PriorityQueue<Long> abroad = populations[group].abroad;
        while (returning < maxReturning && !abroad.isEmpty() && dayOf(abroad.peek()) <= day) {
            enter(day, travellerOf(abroad.poll()));
            returning++;
        }
        for (long i = returning; i < count; i++) {
            enter(day, newTraveller(group, day));
        }
    }

    private void enter(int day, int traveller) {
        entered.set(traveller);
        record(day, traveller, Direction.ENTRY);
        populations[travellers.citizenship(traveller) == RU ? RUSSIANS : OTHERS].present
                .add(key(travellers.kind(traveller).plannedDeparture(day, random), traveller));
    }

    private void record(int day, int traveller, Direction direction) {
        int point = crossingPoint(day, travellers.citizenship(traveller));
        double[] hours = point == AIR ? AIR_HOURS : isRush(day) ? LAND_HOURS_RUSH : LAND_HOURS;
        int hour = pick(hours);
        int second = day * 86_400 + hour * 3_600 + random.nextInt(3_600);
        log.add(second, traveller, point, direction);
    }

    private int crossingPoint(int day, int citizenship) {
        double landShare;
        if (citizenship == RU) {
            landShare = day < mobilisationDay ? 0.82 : isRush(day) ? 0.93 : 0.85;
        } else {
            landShare = OTHER_LAND_SHARE[citizenship];
        }
        return random.nextDouble() < landShare ? LAND : AIR;
    }

    private boolean isRush(int day) {
        return day >= mobilisationDay && day <= rushEndDay;
    }

    private int newTraveller(int group, int day) {
        if (group == OTHERS) {
            int citizenship = pick(OTHER_CITIZENSHIP_WEIGHT);
            int sex = random.nextDouble() < 0.55 ? MALE : FEMALE;
            return travellers.add(citizenship, sex, 2022 - adultOrChildAge(0.07, ADULT_AGE_BANDS, ADULT_AGE_WEIGHTS),
                    kind(KINDS_OTHERS));
        }
        double maleShare;
        double childShare;
        double[] kinds;
        if (day < mobilisationDay) {
            maleShare = 0.52;
            childShare = 0.09;
            kinds = KINDS_BEFORE;
        } else if (isRush(day)) {
            maleShare = day == mobilisationDay ? 0.70 : day <= SampleCalendar.dayIndex(10, 1) ? 0.83 : 0.75;
            childShare = 0.03;
            kinds = KINDS_RUSH;
        } else {
            maleShare = 0.60;
            childShare = 0.06;
            kinds = KINDS_AFTER;
        }
        int sex = random.nextDouble() < maleShare ? MALE : FEMALE;
        boolean fleeingMobilisation = sex == MALE && day >= mobilisationDay
                && random.nextDouble() < (isRush(day) ? 1.0 : 0.45);
        int age = fleeingMobilisation
                ? bandedAge(MOBILISED_AGE_BANDS, MOBILISED_AGE_WEIGHTS)
                : adultOrChildAge(childShare, ADULT_AGE_BANDS, ADULT_AGE_WEIGHTS);
        return travellers.add(RU, sex, 2022 - age - random.nextInt(2), kind(kinds));
    }

    private int adultOrChildAge(double childShare, int[] bands, double[] weights) {
        return random.nextDouble() < childShare ? random.nextInt(18) : bandedAge(bands, weights);
    }

    private int bandedAge(int[] bands, double[] weights) {
        int band = pick(weights);
        return bands[band] + random.nextInt(bands[band + 1] - bands[band]);
    }

    private TravellerKind kind(double[] weights) {
        return TravellerKind.values()[pick(weights)];
    }

    private int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * People who entered within the data and people there before it, keyed by (planned departure day, traveller);
     * people abroad who will come back, by (return day, traveller). The smallest key is always the next to leave or to
     * return, ties going to the earliest traveller.
     */
    private static final class Population {
        final PriorityQueue<Long> present = new PriorityQueue<>();
        final PriorityQueue<Long> residents = new PriorityQueue<>();
        final PriorityQueue<Long> abroad = new PriorityQueue<>();
    }

    private static long key(int day, int traveller) {
        return ((long) day << 32) | traveller;
    }

    private static int dayOf(long key) {
        return (int) (key >>> 32);
    }

    private static int travellerOf(long key) {
        return (int) key;
    }
}
