package org.borderflow.sample;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;

/**
 * The crossing events of one source, sorted by time, with what is needed to turn them into canonical rows.
 *
 * <p>Event ids are the position in time order, so they are unique within the source and stable across runs.
 */
final class GeneratedEvents {

    private static final int SECONDS_PER_DAY = 86_400;

    private final EventLog log;
    private final TravellerRegistry travellers;
    private final EventSource source;
    private final String[] sexes;

    GeneratedEvents(EventLog log, TravellerRegistry travellers, EventSource source, String[] sexes) {
        this.log = log;
        this.travellers = travellers;
        this.source = source;
        this.sexes = sexes;
    }

    int size() {
        return log.size();
    }

    /** Distinct travellers with at least one event (people present before the data who never crossed are not). */
    int travellerCount() {
        BitSet seen = new BitSet(travellers.size());
        for (int event = 0; event < log.size(); event++) {
            seen.set(log.traveller(event));
        }
        return seen.cardinality();
    }

    /**
     * A pseudonymous id that no traveller of this source has, in the source's format: the {@code n}-th number past
     * the registry, through the same bijection (for hand-made rows, such as the deliberately bad ones).
     */
    String unusedTravellerId(int n) {
        return travellers.id(travellers.size() + n);
    }

    /** The local date at the border, which is the day the pipeline attributes the event to. */
    LocalDate localDate(int event) {
        return SampleCalendar.date(log.secondOfSample(event) / SECONDS_PER_DAY);
    }

    /** The local wall-clock time at the border, to the second. */
    LocalDateTime localTime(int event) {
        return localDate(event).atStartOfDay().plusSeconds(log.secondOfSample(event) % SECONDS_PER_DAY);
    }

    /** The citizenship as the source spells it. */
    String citizenship(int event) {
        return source.citizenships()[travellers.citizenship(log.traveller(event))];
    }

    Direction direction(int event) {
        return log.direction(event);
    }

    CrossingEvent toCrossingEvent(int event) {
        int traveller = log.traveller(event);
        long epochSecond = localTime(event).atZone(source.zone()).toEpochSecond();
        int point = log.point(event);
        return new CrossingEvent(
                eventId(event),
                epochSecond * 1_000_000L,
                source.reportingCountry(),
                source.points()[point],
                source.borderTypes()[point],
                travellers.id(traveller),
                citizenship(event),
                sexes[travellers.sex(traveller)],
                travellers.birthYear(traveller),
                log.direction(event));
    }

    private String eventId(int event) {
        String number = Integer.toString(event + 1);
        return source.eventIdPrefix() + "0".repeat(Math.max(0, 8 - number.length())) + number;
    }
}
