package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftleft;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The few strings that every event repeats (source names, country codes) as Spark's 32-bit {@code hash} of them
 * before the exchange, and back to strings after it. The hash is computed by Spark on both sides, so the
 * dictionary is exact; two names of one kind with one hash would make it ambiguous, and are refused.
 */
final class Codes implements Serializable {

  private final Map<Integer, String> sources;
  private final Map<Integer, String> countries;

  private Codes(Map<Integer, String> sources, Map<Integer, String> countries) {
    this.sources = sources;
    this.countries = countries;
  }

  /** The dictionary of the given names, hashed by a query of a few rows on the driver. */
  static Codes of(SparkSession spark, List<String> sourceNames, List<String> countryCodes) {
    return new Codes(hashes(spark, sourceNames), hashes(spark, countryCodes));
  }

  String source(int hash) {
    return decoded(sources, hash, "source");
  }

  String country(int hash) {
    return decoded(countries, hash, "country");
  }

  /** A string column as its 32-bit hash, decoded by this dictionary. */
  static Column hashed(Column name) {
    return hash(name);
  }

  /** Two 32-bit integers in one long: {@code high} in the upper half. */
  static Column pair(Column high, Column low) {
    return shiftleft(high.cast("long"), 32).bitwiseOR(low.cast("long").bitwiseAND(lit(0xFFFFFFFFL)));
  }

  /** As {@link #pair(Column, Column)}, on the JVM side of the exchange: the walk's keys pack the same way. */
  static long pair(int high, int low) {
    return (long) high << 32 | (low & 0xFFFFFFFFL);
  }

  static int high(long pair) {
    return (int) (pair >>> 32);
  }

  static int low(long pair) {
    return (int) pair;
  }

  private static String decoded(Map<Integer, String> names, int hash, String kind) {
    String name = names.get(hash);
    if (name == null) {
      throw new IllegalStateException("no " + kind + " has the hash " + hash + ": the dictionary is incomplete");
    }
    return name;
  }

  private static Map<Integer, String> hashes(SparkSession spark, List<String> names) {
    Map<Integer, String> out = new HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    for (Row r : spark.createDataset(names, Encoders.STRING()).select(col("value"), hashed(col("value")))
        .collectAsList()) {
      String other = out.put(r.getInt(1), r.getString(0));
      if (other != null && !other.equals(r.getString(0))) {
        throw new IllegalStateException("'" + other + "' and '" + r.getString(0) + "' have one hash; "
            + "rename one of them");
      }
    }
    return out;
  }
}
