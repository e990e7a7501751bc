package org.borderflow.sample;

import java.util.Objects;

/**
 * One row of a {@code crossing_events} source (contract section 1.2).
 *
 * @param eventTimeMicros instant of the crossing, microseconds since the epoch (UTC)
 * @param sex             {@code M}, {@code F}, {@code X} or null
 * @param birthYear       null when unknown
 */
public record CrossingEvent(
        String eventId,
        long eventTimeMicros,
        String reportingCountry,
        String crossingPoint,
        String borderType,
        String travellerId,
        String citizenship,
        String sex,
        Integer birthYear,
        Direction direction) {

    public CrossingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(reportingCountry, "reportingCountry");
        Objects.requireNonNull(crossingPoint, "crossingPoint");
        Objects.requireNonNull(borderType, "borderType");
        Objects.requireNonNull(travellerId, "travellerId");
        Objects.requireNonNull(citizenship, "citizenship");
        Objects.requireNonNull(direction, "direction");
    }
}
