package org.borderflow.sample;

import java.time.ZoneId;

/**
 * Who delivers a {@code crossing_events} sample and how its rows are spelled: the reporting country and its zone, the
 * prefixes of event and traveller ids, and the codes behind the indexes an {@link EventLog} and a
 * {@link TravellerRegistry} hold.
 *
 * @param points       crossing point codes; index {@link EventsSimulation#LAND} is the land crossing,
 *                     {@link EventsSimulation#AIR} the airport
 * @param borderTypes  border type of each point, in the same order
 * @param citizenships citizenship codes as the source spells them; index 0 is the Russians
 */
record EventSource(
        String reportingCountry,
        ZoneId zone,
        String eventIdPrefix,
        String travellerIdPrefix,
        String[] points,
        String[] borderTypes,
        String[] citizenships) {
}
