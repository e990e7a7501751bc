package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The row-level rules of contract section 1.3 as one {@code reject_reason} column: null for a valid row, else the
 * first rule it breaks, in words a person understands. Each rule's condition is written so that it is true or
 * false, never null, for any row that passed the rules before it; the split into valid and rejected rows is then
 * complete: {@code reject_reason IS NULL} and {@code IS NOT NULL} partition the input.
 */
public final class RowValidation {

  public static final String REASON = "reject_reason";
  /** The reporting country's local date: the {@code date} of a daily_counts row, derived for events. */
  public static final String DATE = "date";

  static final List<String> DIRECTIONS = List.of("ENTRY", "EXIT");
  static final List<String> BORDER_TYPES = List.of("LAND", "SEA", "AIR");
  static final List<String> SEXES = List.of("M", "F", "X");

  private RowValidation() {}

  /** Limits of one run: the accepted date range and the largest believable daily count. */
  public record Limits(LocalDate minDate, LocalDate asOf, long maxCrossingsPerRow) {}

  public static Dataset<Row> validateCounts(Dataset<Row> counts, List<String> countryCodes, Limits limits) {
    List<Rule> rules = new ArrayList<>(parseRules(counts));
    rules.addAll(requiredRules(SourceKind.DAILY_COUNTS));
    rules.addAll(codeRules(countryCodes));
    rules.add(new Rule(col("border_type").isNotNull().and(col("border_type").isin(BORDER_TYPES.toArray()).unary_$bang()),
        quoted("border_type", "is not LAND, SEA or AIR")));
    rules.add(new Rule(col("counterpart_country").isNotNull()
        .and(col("counterpart_country").isin(countryCodes.toArray()).unary_$bang()),
        quoted("counterpart_country", "is not an ISO 3166-1 alpha-2 country code")));
    rules.add(new Rule(col("crossings").lt(0), quoted("crossings", "is negative")));
    rules.add(new Rule(col("crossings").gt(limits.maxCrossingsPerRow()),
        quoted("crossings", "exceeds the plausible maximum of " + limits.maxCrossingsPerRow() + " per row")));
    rules.addAll(dateRules(limits));
    return counts.withColumn(REASON, firstBroken(rules));
  }

  /** Adds the local {@code date} of each event in its reporting country's zone, then the reason. */
  public static Dataset<Row> validateEvents(Dataset<Row> events, Map<String, String> zoneByCountry, Limits limits) {
    Dataset<Row> withDate = events.withColumn(DATE,
        LocalDates.of(col("reporting_country"), col("event_time"), zoneByCountry));
    List<Rule> rules = new ArrayList<>(parseRules(events));
    rules.addAll(requiredRules(SourceKind.CROSSING_EVENTS));
    rules.addAll(codeRules(List.copyOf(zoneByCountry.keySet())));
    rules.add(new Rule(col("border_type").isin(BORDER_TYPES.toArray()).unary_$bang(),
        quoted("border_type", "is not LAND, SEA or AIR")));
    rules.add(new Rule(col("sex").isNotNull().and(col("sex").isin(SEXES.toArray()).unary_$bang()),
        quoted("sex", "is not M, F or X")));
    rules.addAll(dateRules(limits));
    return withDate.withColumn(REASON, firstBroken(rules));
  }

  private record Rule(Column broken, Column reason) {}

  /** A raw value that could not be read as its type comes first: its column is null only because of that. */
  private static List<Rule> parseRules(Dataset<Row> df) {
    if (!java.util.Arrays.asList(df.columns()).contains(SourceLayout.PARSE_ERROR)) {
      return List.of();
    }
    return List.of(new Rule(col(SourceLayout.PARSE_ERROR).isNotNull(), col(SourceLayout.PARSE_ERROR)));
  }

  private static List<Rule> requiredRules(SourceKind kind) {
    List<Rule> rules = new ArrayList<>();
    for (String name : kind.requiredColumns()) {
      rules.add(new Rule(col(name).isNull(), lit("required column " + name + " is null")));
    }
    return rules;
  }

  private static List<Rule> codeRules(List<String> countryCodes) {
    Object[] codes = countryCodes.toArray();
    return List.of(
        new Rule(col("reporting_country").isin(codes).unary_$bang(),
            quoted("reporting_country", "is not an ISO 3166-1 alpha-2 country code")),
        new Rule(col("citizenship").isin(codes).unary_$bang(),
            quoted("citizenship", "is not an ISO 3166-1 alpha-2 country code")),
        new Rule(col("direction").isin(DIRECTIONS.toArray()).unary_$bang(),
            quoted("direction", "is not ENTRY or EXIT")));
  }

  private static List<Rule> dateRules(Limits limits) {
    return List.of(
        new Rule(col(DATE).lt(lit(Date.valueOf(limits.minDate()))),
            concat(lit("date "), col(DATE).cast("string"), lit(" is before " + limits.minDate()))),
        new Rule(col(DATE).gt(lit(Date.valueOf(limits.asOf()))),
            concat(lit("date "), col(DATE).cast("string"), lit(" is after the run's as-of date " + limits.asOf()))));
  }

  private static Column quoted(String column, String problem) {
    return concat(lit(column + " '"), col(column).cast("string"), lit("' " + problem));
  }

  private static Column firstBroken(List<Rule> rules) {
    Column reason = null;
    for (Rule rule : rules) {
      reason = reason == null ? when(rule.broken(), rule.reason()) : reason.when(rule.broken(), rule.reason());
    }
    return reason;
  }
}
