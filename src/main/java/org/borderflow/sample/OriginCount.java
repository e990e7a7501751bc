package org.borderflow.sample;

/**
 * A daily count of an origin-side source: the origin's own citizens leaving it, with the country they left for.
 *
 * @param counterpartCountry the destination; null means all destinations
 */
public record OriginCount(DailyCount count, String counterpartCountry) {}
