package org.borderflow.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.ConfigurationException;
import org.borderflow.config.SourceDeclaration;

/**
 * How one source's files map onto the canonical columns: the raw schema to read and check, and the
 * normalisation that renames columns, maps codes and turns local times into instants. For an undeclared source
 * both are the identity.
 */
public final class SourceLayout {

  /** The raw row (raw column names and values) of a declared source, kept for rejected_records. */
  public static final String RAW = "_raw";
  /** Why a raw value could not be read as its canonical type; checked before every other rule. */
  public static final String PARSE_ERROR = "_parse_error";

  static final String LOCAL_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss";

  private final SourceKind kind;
  private final SourceDeclaration declaration;
  private final Map<String, String> alpha3ToAlpha2;

  public SourceLayout(SourceKind kind, SourceDeclaration declaration, Map<String, String> alpha3ToAlpha2) {
    this.kind = kind;
    this.declaration = declaration;
    this.alpha3ToAlpha2 = alpha3ToAlpha2;
    Set<String> raw = new HashSet<>();
    for (String canonical : kind.schema().fieldNames()) {
      if (!raw.add(declaration.rawColumn(canonical))) {
        throw new ConfigurationException("sources.per-source." + declaration.name() + ".columns maps two canonical "
            + "columns to the raw column '" + declaration.rawColumn(canonical) + "'");
      }
    }
    for (String canonical : declaration.columns().keySet()) {
      requireCanonical(canonical, "columns");
    }
    for (String canonical : declaration.values().keySet()) {
      requireCanonical(canonical, "values");
    }
    if (declaration.eventTimeZone().isPresent() && !kind.isEvents()) {
      throw new ConfigurationException("sources.per-source." + declaration.name()
          + ".event-time-zone applies to crossing_events sources only");
    }
  }

  public SourceKind kind() {
    return kind;
  }

  public String name() {
    return declaration.name();
  }

  public String rawColumn(String canonical) {
    return declaration.rawColumn(canonical);
  }

  public boolean isCanonical() {
    return declaration.isCanonical();
  }

  /** The schema the files are read with: raw names, canonical types, local times as text. */
  public StructType readSchema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : kind.schema().fields()) {
      fields.add(DataTypes.createStructField(declaration.rawColumn(f.name()),
          localTime(f.name()) ? DataTypes.StringType : f.dataType(), true));
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /** Canonical columns from raw ones, plus {@link #PARSE_ERROR} and, for declared sources, {@link #RAW}. */
  public Dataset<Row> normalize(Dataset<Row> raw, List<Column> lineage) {
    List<Column> out = new ArrayList<>();
    Column parseError = lit(null).cast(DataTypes.StringType);
    for (String canonical : kind.schema().fieldNames()) {
      Column value = col(declaration.rawColumn(canonical));
      if (localTime(canonical)) {
        Column parsed = try_to_timestamp(value, lit(LOCAL_TIME_FORMAT));
        parseError = coalesce(parseError, when(value.isNotNull().and(parsed.isNull()), concat(lit(canonical + " '"),
            value, lit("' cannot be read as a local time " + LOCAL_TIME_FORMAT + " in "
                + declaration.eventTimeZone().get()))));
        value = to_utc_timestamp(parsed, declaration.eventTimeZone().get());
      } else if (declaration.alpha3Columns().contains(canonical)) {
        // Strict: a source declared alpha-3 that sends something else is sending something unexpected.
        Column mapped = element_at(mapLiteral(alpha3ToAlpha2), value);
        parseError = coalesce(parseError, when(value.isNotNull().and(mapped.isNull()), concat(lit(canonical + " '"),
            value, lit("' is not an ISO 3166-1 alpha-3 country code, as declared for this source"))));
        value = mapped;
      } else if (declaration.values().containsKey(canonical)) {
        value = coalesce(element_at(mapLiteral(declaration.values().get(canonical)), value), value);
      }
      out.add(value.as(canonical));
    }
    out.add(parseError.as(PARSE_ERROR));
    if (!declaration.isCanonical()) {
      out.add(struct(java.util.Arrays.stream(readSchema().fieldNames()).map(c -> col(c)).toArray(Column[]::new))
          .as(RAW));
    }
    out.addAll(lineage);
    return raw.select(out.toArray(Column[]::new));
  }

  /** The raw row for rejected_records: as delivered, under the names the source used. */
  public Column rawRecord() {
    if (declaration.isCanonical()) {
      return struct(java.util.Arrays.stream(kind.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }
    return col(RAW);
  }

  private boolean localTime(String canonical) {
    return canonical.equals("event_time") && declaration.eventTimeZone().isPresent();
  }

  private void requireCanonical(String canonical, String key) {
    if (!List.of(kind.schema().fieldNames()).contains(canonical)) {
      throw new ConfigurationException("sources.per-source." + declaration.name() + "." + key + "." + canonical
          + ": '" + canonical + "' is not a column of " + kind.folder() + " (" + String.join(", ",
          kind.schema().fieldNames()) + ")");
    }
  }

  /** A constant map; Spark folds it once, so the per-row cost is the lookup. */
  private static Column mapLiteral(Map<String, String> map) {
    List<Column> pairs = new ArrayList<>();
    map.forEach((k, v) -> {
      pairs.add(lit(k));
      pairs.add(lit(v));
    });
    return org.apache.spark.sql.functions.map(pairs.toArray(Column[]::new));
  }
}
