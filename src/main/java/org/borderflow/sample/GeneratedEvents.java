package org.borderflow.sample;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
    private final String reportingCountry;
    private final ZoneId zone;
    private final String eventIdPrefix;
    private final String[] points;
    private final String[] borderTypes;
    private final String[] citizenships;
    private final String[] sexes;

    GeneratedEvents(EventLog log, TravellerRegistry travellers, String reportingCountry, ZoneId zone,
                    String eventIdPrefix, String[] points, String[] borderTypes, String[] citizenships,
                    String[] sexes) {
        this.log = log;
        this.travellers = travellers;
        this.reportingCountry = reportingCountry;
        this.zone = zone;
        this.eventIdPrefix = eventIdPrefix;
        this.points = points;
        this.borderTypes = borderTypes;
        this.citizenships = citizenships;
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

    /** The local date at the border, which is the day the pipeline attributes the event to. */
    LocalDate localDate(int event) {
        return SampleCalendar.date(log.secondOfSample(event) / SECONDS_PER_DAY);
    }

    CrossingEvent toCrossingEvent(int event) {
        int traveller = log.traveller(event);
        int second = log.secondOfSample(event);
        LocalDateTime local = localDate(event).atStartOfDay().plusSeconds(second % SECONDS_PER_DAY);
        long epochSecond = local.atZone(zone).toEpochSecond();
        int point = log.point(event);
        return new CrossingEvent(
                eventId(event),
                epochSecond * 1_000_000L,
                reportingCountry,
                points[point],
                borderTypes[point],
                travellers.id(traveller),
                citizenships[travellers.citizenship(traveller)],
                sexes[travellers.sex(traveller)],
                travellers.birthYear(traveller),
                log.direction(event));
    }

    private String eventId(int event) {
        String number = Integer.toString(event + 1);
        return eventIdPrefix + "0".repeat(Math.max(0, 8 - number.length())) + number;
    }
}
