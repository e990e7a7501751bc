package org.borderflow.sample;

/**
 * One row of {@code crossing_events/am_nss} in the shape Armenia's border service delivers: its own column names,
 * the local Yerevan wall-clock time as text ({@code yyyy-MM-dd HH:mm:ss}), ISO alpha-3 nationality and
 * {@code IN}/{@code OUT} movement. The pipeline maps it onto the canonical columns through the declaration in
 * {@code conf/pipeline.conf}.
 *
 * <p>Nothing is checked here: any field may be null or malformed, because the sample also carries rows that the
 * pipeline must reject ({@link AmNssDelivery}).
 */
public record AmNssRow(
        String recordId,
        String crossedAt,
        String country,
        String checkpoint,
        String mode,
        String personRef,
        String nationality,
        String gender,
        Integer yearOfBirth,
        String movement) {
}
