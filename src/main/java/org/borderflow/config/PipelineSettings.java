package org.borderflow.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The typed view of the {@code borderflow} configuration block; every value is checked once, here. */
public record PipelineSettings(
    int shufflePartitions,
    long eventsPerPartition,
    String defaultMaster,
    Map<String, String> sparkExtra,
    LocalDate minDate,
    long maxCrossingsPerRow,
    String countriesFile,
    int eventsDefaultPriority,
    int countsDefaultPriority,
    Map<String, Integer> sourcePriorities,
    Map<String, SourceDeclaration> declarations,
    double intervalCoverage,
    List<EventDefinition> events,
    Map<String, ContextFigures> context,
    String compression,
    PersonsSettings persons,
    List<String> originSideSources,
    int latenessHorizonDays) {

  public static PipelineSettings from(Config root) {
    try {
      Config c = root.getConfig("borderflow");
      int partitions = c.getInt("spark.shuffle-partitions");
      if (partitions < 1) {
        throw new ConfigurationException("borderflow.spark.shuffle-partitions must be at least 1, got " + partitions);
      }
      long eventsPerPartition = c.getLong("spark.events-per-partition");
      if (eventsPerPartition < 1) {
        throw new ConfigurationException("borderflow.spark.events-per-partition must be at least 1, got "
            + eventsPerPartition);
      }
      Map<String, String> extra = new LinkedHashMap<>();
      c.getConfig("spark.extra").entrySet()
          .forEach(e -> extra.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped())));
      double coverage = c.getDouble("estimate.interval-coverage");
      if (!(coverage > 0 && coverage < 1)) {
        throw new ConfigurationException("borderflow.estimate.interval-coverage must be in (0, 1), got " + coverage);
      }
      long maxCrossings = c.getLong("input.max-crossings-per-row");
      if (maxCrossings < 1) {
        throw new ConfigurationException("borderflow.input.max-crossings-per-row must be positive");
      }
      String compression = c.getString("output.compression");
      if (!List.of("zstd", "snappy", "gzip", "lz4", "none", "uncompressed").contains(compression)) {
        throw new ConfigurationException("borderflow.output.compression: unknown codec '" + compression + "'");
      }
      return new PipelineSettings(partitions, eventsPerPartition, c.getString("spark.default-master"), extra,
          date(c, "input.min-date"), maxCrossings, c.getString("reference.countries-file"),
          c.getInt("sources.default-priority.crossing-events"), c.getInt("sources.default-priority.daily-counts"),
          priorities(c.getConfig("sources.per-source")), declarations(c.getConfig("sources.per-source")), coverage,
          events(c), context(c.getConfig("context")), compression,
          new PersonsSettings(c.getIntList("persons.horizons-days"), c.getInt("persons.min-cell-persons")),
          List.copyOf(c.getStringList("estimate.mirror.origin-side-sources")), latenessHorizon(c));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static int latenessHorizon(Config c) {
    int days = c.getInt("incremental.lateness-horizon-days");
    if (days < 0) {
      throw new ConfigurationException("borderflow.incremental.lateness-horizon-days must be 0 or more, got " + days);
    }
    return days;
  }

  /** Priority of a source: its own setting, else the default of its kind. Lower is counted first. */
  /**
   * Partitions of the crossing events when they are grouped by traveller: enough that no partition holds more
   * than {@code events-per-partition} rows, and never fewer than {@code parallelism} (the cores of the cluster,
   * so that each has work). Each partition of the pass sums its own day rows and weeks, so every partition more
   * adds a copy of those sums to the output: more partitions than that are no gain.
   */
  public int eventPartitions(long events, int parallelism) {
    return (int) Math.max(parallelism, Math.min(Integer.MAX_VALUE, (events + eventsPerPartition - 1)
        / eventsPerPartition));
  }

  public int priorityOf(String source, boolean eventSource) {
    Integer own = sourcePriorities.get(source);
    if (own != null) {
      return own;
    }
    return eventSource ? eventsDefaultPriority : countsDefaultPriority;
  }

  private static Map<String, Integer> priorities(Config perSource) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String name : perSource.root().keySet()) {
      Config source = perSource.getConfig(name);
      if (source.hasPath("priority")) {
        out.put(name, source.getInt("priority"));
      }
    }
    return out;
  }

  /** The declaration of a source, or the canonical shape when it has none. */
  public SourceDeclaration declarationOf(String source) {
    return declarations.getOrDefault(source, SourceDeclaration.canonical(source));
  }

  private static Map<String, SourceDeclaration> declarations(Config perSource) {
    Map<String, SourceDeclaration> out = new LinkedHashMap<>();
    for (String name : perSource.root().keySet()) {
      Config s = perSource.getConfig(name);
      Map<String, String> columns = new LinkedHashMap<>();
      if (s.hasPath("columns")) {
        Config cols = s.getConfig("columns");
        for (String canonical : cols.root().keySet()) {
          columns.put(canonical, cols.getString(canonical));
        }
      }
      Map<String, Map<String, String>> values = new LinkedHashMap<>();
      java.util.Set<String> alpha3 = new java.util.LinkedHashSet<>();
      if (s.hasPath("values")) {
        Config vals = s.getConfig("values");
        for (String canonical : vals.root().keySet()) {
          if (vals.getValue(canonical).valueType() == com.typesafe.config.ConfigValueType.STRING) {
            String rule = vals.getString(canonical);
            if (!rule.equals(SourceDeclaration.ALPHA3)) {
              throw new ConfigurationException("sources.per-source." + name + ".values." + canonical
                  + ": expected a map of raw to canonical values or \"" + SourceDeclaration.ALPHA3 + "\", got '"
                  + rule + "'");
            }
            alpha3.add(canonical);
          } else {
            Config map = vals.getConfig(canonical);
            Map<String, String> m = new LinkedHashMap<>();
            for (var e : map.root().entrySet()) {
              m.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
            }
            values.put(canonical, m);
          }
        }
      }
      out.put(name, new SourceDeclaration(name, optional(s, "kind"), optional(s, "location"), columns, values,
          alpha3, optional(s, "event-time-zone")));
    }
    return out;
  }

  private static java.util.Optional<String> optional(Config c, String key) {
    return c.hasPath(key) ? java.util.Optional.of(c.getString(key)) : java.util.Optional.empty();
  }

  private static List<EventDefinition> events(Config c) {
    List<EventDefinition> out = new ArrayList<>();
    for (Config e : c.getConfigList("estimate.events")) {
      // The baseline keys are optional in a job file's event: without them an event keeps the pre-event baseline.
      out.add(new EventDefinition(e.getString("id"), e.getString("origin"), date(e, "event-date"),
          date(e, "window-end"), e.getInt("baseline-weeks"), e.getStringList("destinations"),
          e.hasPath("baseline-method") ? e.getString("baseline-method") : EventDefinition.BASELINE_METHODS.get(0),
          e.hasPath("prior-years") ? e.getIntList("prior-years") : List.of(),
          e.hasPath("seasonal-harmonics") ? e.getInt("seasonal-harmonics") : 1));
    }
    return out;
  }

  private static Map<String, ContextFigures> context(Config c) {
    Map<String, ContextFigures> out = new LinkedHashMap<>();
    for (String origin : c.root().keySet()) {
      Config f = c.getConfig(origin);
      out.put(origin, new ContextFigures(origin, f.getDouble("population"), f.getString("population-source"),
          f.getDouble("opposing-share"), f.getString("opposing-share-source"),
          f.getDouble("male-share-of-opposing"), f.getString("male-share-source")));
    }
    return out;
  }

  private static LocalDate date(Config c, String key) {
    String value = c.getString(key);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(key + ": '" + value + "' is not a date of the form YYYY-MM-DD");
    }
  }
}
