package org.borderflow.sample;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The file Armenia's border service delivers: the generated events in its own shape, in time order, with a few
 * deliberately bad rows among them, so that a run on the sample shows {@code rejected_records} with reasons and a
 * duplicate in the manifest.
 *
 * <p>Each bad row has a distinct {@code record_id} starting {@code am-bad-} and a fixed place in the file: just
 * before the first generated event at or after its anchor time. Their travellers have ids no generated traveller has.
 */
final class AmNssDelivery {

    static final String BAD_ID_PREFIX = "am-bad-";
    /** Unknown alpha-3 code: stays unmapped, so citizenship 'XXX' is rejected. */
    static final String UNKNOWN_NATIONALITY = BAD_ID_PREFIX + "unknown-nationality";
    /** Movement outside the IN/OUT mapping: direction 'TRANSIT' is rejected. */
    static final String TRANSIT_MOVEMENT = BAD_ID_PREFIX + "transit-movement";
    /** A wall-clock time that does not exist: rejected because event_time cannot be read. */
    static final String IMPOSSIBLE_TIME = BAD_ID_PREFIX + "impossible-time";
    static final String IMPOSSIBLE_TIME_VALUE = "2022-09-31 25:61:00";
    /** No traveller: required column traveller_id is null, rejected. */
    static final String NO_PERSON_REF = BAD_ID_PREFIX + "no-person-ref";
    /** A valid event sent twice with the same content: counted once, the second copy is a duplicate. */
    static final String REDELIVERED = BAD_ID_PREFIX + "redelivered";

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String[] MOVEMENT = {"IN", "OUT"};

    private record Placed(LocalDateTime anchor, AmNssRow row) {
    }

    private AmNssDelivery() {
    }

    /** The rows of the file, in file order. */
    static List<AmNssRow> rows(GeneratedEvents events) {
        List<Placed> bad = badRows(events);
        List<AmNssRow> rows = new ArrayList<>(events.size() + bad.size());
        int next = 0;
        for (int event = 0; event < events.size(); event++) {
            LocalDateTime time = events.localTime(event);
            for (; next < bad.size() && !bad.get(next).anchor().isAfter(time); next++) {
                rows.add(bad.get(next).row());
            }
            rows.add(toRow(events, event));
        }
        for (; next < bad.size(); next++) {
            rows.add(bad.get(next).row());
        }
        return rows;
    }

    private static AmNssRow toRow(GeneratedEvents events, int event) {
        CrossingEvent e = events.toCrossingEvent(event);
        return new AmNssRow(e.eventId(), LOCAL_TIME.format(events.localTime(event)), e.reportingCountry(),
                e.crossingPoint(), e.borderType(), e.travellerId(), e.citizenship(), e.sex(), e.birthYear(),
                MOVEMENT[e.direction().ordinal()]);
    }

    private static List<Placed> badRows(GeneratedEvents events) {
        String zvartnots = ArmeniaEventsGenerator.POINTS[EventsSimulation.AIR];
        String bagratashen = ArmeniaEventsGenerator.POINTS[EventsSimulation.LAND];
        AmNssRow redelivered = bad(REDELIVERED, at(9, 27, "07:35:10"), zvartnots, "AIR",
                events.unusedTravellerId(3), "RUS", "M", 1993, "IN");
        List<Placed> rows = new ArrayList<>(List.of(
                placed(bad(UNKNOWN_NATIONALITY, at(9, 24, "03:12:40"), zvartnots, "AIR",
                        events.unusedTravellerId(0), "XXX", "M", 1991, "IN")),
                placed(bad(TRANSIT_MOVEMENT, at(9, 26, "11:47:05"), bagratashen, "LAND",
                        events.unusedTravellerId(1), "RUS", "M", 1987, "TRANSIT")),
                // Placed among the last events of 30 September, the day the clerk meant.
                new Placed(LocalDateTime.of(2022, 10, 1, 0, 0), bad(IMPOSSIBLE_TIME, IMPOSSIBLE_TIME_VALUE, zvartnots,
                        "AIR", events.unusedTravellerId(2), "RUS", "F", 1979, "IN")),
                placed(bad(NO_PERSON_REF, at(10, 2, "16:20:00"), zvartnots, "AIR", null, "RUS", "M", 1995, "IN")),
                placed(redelivered),
                // The same record again at the end of the file, as a re-run extract would append it.
                new Placed(LocalDateTime.MAX, redelivered)));
        rows.sort(Comparator.comparing(Placed::anchor));
        return rows;
    }

    private static AmNssRow bad(String id, String crossedAt, String checkpoint, String mode, String personRef,
                                String nationality, String gender, int yearOfBirth, String movement) {
        return new AmNssRow(id, crossedAt, ArmeniaEventsGenerator.COUNTRY, checkpoint, mode, personRef, nationality,
                gender, yearOfBirth, movement);
    }

    private static Placed placed(AmNssRow row) {
        return new Placed(LocalDateTime.parse(row.crossedAt(), LOCAL_TIME), row);
    }

    private static String at(int month, int day, String time) {
        return String.format(Locale.ROOT, "2022-%02d-%02d %s", month, day, time);
    }
}
