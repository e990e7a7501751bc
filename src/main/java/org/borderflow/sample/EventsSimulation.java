package org.borderflow.sample;

import java.util.BitSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A day-by-day simulation of who crosses one country's border, shared by the per-crossing event sources.
 *
 * <p>The daily totals come from {@link DailyTargets}; the simulation decides who crosses. Each day, exits are taken
 * first from the people whose planned stay is over, then, when the day needs more, from the people who were already
 * in the country on 1 August (they leave without an entry in the data, as they would in any extract that starts in
 * the middle of the traffic), and only then by cutting short the stays of the people who would leave next. Entries
 * are people coming back and new arrivals. Whether a new arrival comes and goes, crosses repeatedly, passes through
 * or stays, their sex and age, and whether they come by land or by air depend on the source and the period
 * ({@link Behaviour}); a source can refine the arrivals of a day and the hours of a crossing point.
 *
 * <p>Russians (citizenship index 0) and everyone else are drawn from separate populations, so their daily totals can
 * be set apart. Every draw comes from one {@link SplittableRandom} in a fixed order, so a source's events are a pure
 * function of its seed and targets.
 */
class EventsSimulation {

    /** Index of the land crossing and of the airport in {@link EventSource#points()}. */
    static final int LAND = 0;
    static final int AIR = 1;
    static final String[] SEXES = {"M", "F"};
    private static final int MALE = 0;
    private static final int FEMALE = 1;
    private static final int RUSSIANS = 0;
    private static final int OTHERS = 1;
    /** The partial mobilisation order of 21 September 2022. */
    static final int MOBILISATION_DAY = SampleCalendar.dayIndex(9, 21);
    /** The last day of the rush that followed it, at every destination of the sample. */
    static final int RUSH_END_DAY = SampleCalendar.dayIndex(10, 5);

    /** Local hour weights: land crossings are busiest by day; airports have night flights. */
    private static final double[] LAND_HOURS = {2.0, 1.5, 1.2, 1.0, 1.0, 1.5, 2.5, 4.0, 5.5, 6.5, 7.0, 7.0,
                                                7.0, 6.8, 6.5, 6.2, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5};
    private static final double[] AIR_HOURS = {3.0, 5.0, 6.0, 6.0, 5.0, 3.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0,
                                               4.0, 4.0, 4.0, 4.0, 5.0, 5.0, 4.0, 4.0, 4.0, 3.0, 3.0, 3.0};

    /** Adult age bands [from, to) and their weights, for everyone but the men fleeing mobilisation. */
    private static final int[] ADULT_AGE_BANDS = {18, 25, 35, 45, 55, 65, 80};
    private static final double[] ADULT_AGE_WEIGHTS = {12, 26, 24, 17, 13, 8};
    /** Men fleeing mobilisation: reservists, mostly 25 to 40. */
    private static final int[] MOBILISED_AGE_BANDS = {18, 25, 41, 51, 66};
    private static final double[] MOBILISED_AGE_WEIGHTS = {15, 65, 14, 6};

    /** Traveller kinds of non-Russians, in {@link TravellerKind} order, and their sex and age. */
    private static final double[] KINDS_OTHERS = {0.42, 0.38, 0.10, 0.10, 0.00, 0.00, 0.00};
    private static final double OTHERS_MALE_SHARE = 0.55;
    private static final double OTHERS_CHILD_SHARE = 0.07;
    /** At most this share of a day's entries are people coming back; the rest are first arrivals. */
    private static final double MAX_RETURNING_SHARE = 0.25;

    /**
     * Who a new Russian arrival is on a given day.
     *
     * @param fleeingShare share of the men who flee mobilisation (and so are aged like reservists); 0 before it
     * @param kinds        weights of the {@link TravellerKind}s, in their order
     */
    record ArrivalMix(double maleShare, double childShare, double fleeingShare, double[] kinds) {

        ArrivalMix withMaleShare(double share) {
            return new ArrivalMix(share, childShare, fleeingShare, kinds);
        }
    }

    /**
     * How a source's travellers behave: who the Russian arrivals are and how many of them come by land, before the
     * order, in the rush ({@link #isRush}) and after it; which other citizenships come, and how many by land.
     *
     * @param russianLandShare        before, rush, after
     * @param otherCitizenshipWeights by citizenship index, in {@link EventSource#citizenships()} order (index 0 unused)
     * @param otherLandShare          by citizenship index (index 0 unused)
     * @param russiansPresent         Russians in the country on 1 August, before scaling; like {@code othersPresent},
     *                                everyone else, only those needed to meet the daily exits ever cross (mostly in
     *                                August), the others never appear in the data
     */
    record Behaviour(ArrivalMix before, ArrivalMix rush, ArrivalMix after, double[] russianLandShare,
                     double[] otherCitizenshipWeights, double[] otherLandShare, double russiansPresent,
                     double othersPresent) {
    }

    private final SplittableRandom random;
    private final EventSource source;
    private final Behaviour behaviour;
    private final DailyTargets targets;
    private final TravellerRegistry travellers;
    private final EventLog log = new EventLog();
    private final Population[] populations = {new Population(), new Population()};
    private final BitSet entered = new BitSet();
    private long exitsWithoutEntry;

    EventsSimulation(EventSource source, Behaviour behaviour, DailyTargets targets, SplittableRandom random) {
        this.source = source;
        this.behaviour = behaviour;
        this.targets = targets;
        this.random = random;
        this.travellers = new TravellerRegistry(source.travellerIdPrefix());
    }

    /** Who a new Russian arrival is on {@code day}: the mix of its period. */
    ArrivalMix russianArrivals(int day) {
        return day < MOBILISATION_DAY ? behaviour.before() : isRush(day) ? behaviour.rush() : behaviour.after();
    }

    /** The share of crossings of people of this citizenship (an index) on {@code day} that go by land. */
    private double landShare(int day, int citizenship) {
        if (citizenship == 0) {
            return behaviour.russianLandShare()[day < MOBILISATION_DAY ? 0 : isRush(day) ? 1 : 2];
        }
        return behaviour.otherLandShare()[citizenship];
    }

    /** Local hour weights at a crossing point on {@code day}. */
    double[] hours(int day, int point) {
        return point == AIR ? AIR_HOURS : LAND_HOURS;
    }

    static boolean isRush(int day) {
        return day >= MOBILISATION_DAY && day <= RUSH_END_DAY;
    }

    /** Exits of people who were in the country before the data starts. */
    long exitsWithoutEntry() {
        return exitsWithoutEntry;
    }

    /** Runs the simulation over the whole sample. */
    GeneratedEvents generate() {
        seedPeopleAlreadyPresent(RUSSIANS, targets.scaled(behaviour.russiansPresent()));
        seedPeopleAlreadyPresent(OTHERS, targets.scaled(behaviour.othersPresent()));
        for (int day = 0; day < SampleCalendar.DAYS; day++) {
            exits(RUSSIANS, day, targets.ruExits[day]);
            entries(RUSSIANS, day, targets.ruEntries[day]);
            exits(OTHERS, day, targets.otherExits[day]);
            entries(OTHERS, day, targets.otherEntries[day]);
        }
        log.sortByTime();
        return new GeneratedEvents(log, travellers, source, SEXES);
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
            // Nobody left at all (only at extreme divisors): someone who was in the country all along.
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
        populations[travellers.citizenship(traveller) == 0 ? RUSSIANS : OTHERS].present
                .add(key(travellers.kind(traveller).plannedDeparture(day, random), traveller));
    }

    private void record(int day, int traveller, Direction direction) {
        int point = random.nextDouble() < landShare(day, travellers.citizenship(traveller)) ? LAND : AIR;
        int hour = pick(hours(day, point));
        int second = day * 86_400 + hour * 3_600 + random.nextInt(3_600);
        log.add(second, traveller, point, direction);
    }

    private int newTraveller(int group, int day) {
        if (group == OTHERS) {
            int citizenship = pick(behaviour.otherCitizenshipWeights());
            int sex = random.nextDouble() < OTHERS_MALE_SHARE ? MALE : FEMALE;
            return travellers.add(citizenship, sex,
                    2022 - adultOrChildAge(OTHERS_CHILD_SHARE, ADULT_AGE_BANDS, ADULT_AGE_WEIGHTS), kind(KINDS_OTHERS));
        }
        ArrivalMix mix = russianArrivals(day);
        int sex = random.nextDouble() < mix.maleShare() ? MALE : FEMALE;
        boolean fleeingMobilisation = sex == MALE && mix.fleeingShare() > 0
                && random.nextDouble() < mix.fleeingShare();
        int age = fleeingMobilisation
                ? bandedAge(MOBILISED_AGE_BANDS, MOBILISED_AGE_WEIGHTS)
                : adultOrChildAge(mix.childShare(), ADULT_AGE_BANDS, ADULT_AGE_WEIGHTS);
        return travellers.add(0, sex, 2022 - age - random.nextInt(2), kind(mix.kinds()));
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
