package org.borderflow.sample;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a {@code daily_counts} source (contract section 1.1).
 *
 * @param crossingPoint null means all crossing points of the reporting country
 * @param borderType    null means all border types
 */
public record DailyCount(
        LocalDate date,
        String reportingCountry,
        String crossingPoint,
        String borderType,
        String citizenship,
        Direction direction,
        long crossings) {

    public DailyCount {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(reportingCountry, "reportingCountry");
        Objects.requireNonNull(citizenship, "citizenship");
        Objects.requireNonNull(direction, "direction");
        if (crossings < 0) {
            throw new IllegalArgumentException("negative crossings: " + crossings);
        }
    }

    /** A country-wide row (no crossing point, no border type), the granularity Frontex and national summaries publish. */
    public static DailyCount countryWide(LocalDate date, String reportingCountry, String citizenship,
                                         Direction direction, long crossings) {
        return new DailyCount(date, reportingCountry, null, null, citizenship, direction, crossings);
    }
}
