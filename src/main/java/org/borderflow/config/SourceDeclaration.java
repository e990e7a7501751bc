package org.borderflow.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A source whose files do not have the canonical shape, declared under {@code borderflow.sources.per-source}:
 * which raw column holds each canonical one, how raw codes map to canonical ones, and, for events, the zone of
 * local wall-clock timestamps. Undeclared sources use the canonical columns as they are.
 *
 * @param kind {@code daily_counts} or {@code crossing_events}; needed only with a {@code location}
 * @param location where the files are, when not under the landing zone (any Hadoop URI)
 * @param columns canonical column to raw column
 * @param values canonical column to a map of raw value to canonical value; unmapped values pass unchanged, so
 *     validation rejects them with their raw value in the reason
 * @param alpha3Columns canonical code columns whose raw values are ISO 3166-1 alpha-3 codes
 * @param eventTimeZone zone of the local times in {@code event_time} (text {@code yyyy-MM-dd HH:mm:ss}), if any
 */
public record SourceDeclaration(String name, Optional<String> kind, Optional<String> location,
                                Map<String, String> columns, Map<String, Map<String, String>> values,
                                java.util.Set<String> alpha3Columns, Optional<String> eventTimeZone) {

  public static final String ALPHA3 = "iso-alpha3";

  public SourceDeclaration {
    kind.ifPresent(k -> {
      if (!k.equals("daily_counts") && !k.equals("crossing_events")) {
        throw new ConfigurationException("sources.per-source." + name + ".kind must be daily_counts or "
            + "crossing_events, got '" + k + "'");
      }
    });
    if (location.isPresent() && kind.isEmpty()) {
      throw new ConfigurationException("sources.per-source." + name + ": a source with a location needs a kind");
    }
    eventTimeZone.ifPresent(z -> {
      try {
        ZoneId.of(z);
      } catch (DateTimeException e) {
        throw new ConfigurationException("sources.per-source." + name + ".event-time-zone: unknown zone '" + z + "'");
      }
    });
    columns = Map.copyOf(columns);
    values = Map.copyOf(values);
    alpha3Columns = java.util.Set.copyOf(alpha3Columns);
  }

  /** A source with no declaration: canonical columns and codes. */
  public static SourceDeclaration canonical(String name) {
    return new SourceDeclaration(name, Optional.empty(), Optional.empty(), Map.of(), Map.of(),
        java.util.Set.of(), Optional.empty());
  }

  public boolean isCanonical() {
    return columns.isEmpty() && values.isEmpty() && alpha3Columns.isEmpty() && eventTimeZone.isEmpty();
  }

  public String rawColumn(String canonical) {
    return columns.getOrDefault(canonical, canonical);
  }
}
