package org.borderflow.persons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Kaplan-Meier estimate of the share of a cohort still present h days after entry, with right-censoring:
 * S(h) = product over the exit times t_i <= h of (1 - d_i / n_i), where d_i left after t_i days and n_i were still
 * under observation at t_i (time >= t_i, censored or not). A person whose data ends before h days is censored: they
 * count as present while observed and then drop out of the denominator, never as a return. Greenwood's formula
 * gives the variance: S(h)^2 times the sum over t_i <= h of d_i / (n_i (n_i - d_i)).
 *
 * <p>Spark counts the persons and exits per (cohort, time), a few hundred rows per cohort, in one job; the product
 * limit is then computed on the driver. Run as Spark queries (a window, a cross join with the horizons and an
 * aggregate) the same arithmetic cost some ten jobs per table, each paying planning, code generation and JIT for a
 * few hundred rows.
 */
public final class KaplanMeier {

  /** The figures of one cohort at one horizon; the last three are null when the horizon lies beyond the data. */
  public record Estimate(List<Object> key, int horizonDays, long cohortSize, Long stillPresent, Double share,
                         Double variance) {}

  /** Orders cohort keys (strings, dates, numbers) so that the rows come out the same on every run. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      int c = Comparator.nullsFirst((Comparator) Comparator.naturalOrder()).compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  private KaplanMeier() {}

  /**
   * From rows of {@code keys}, {@code time} (whole days) and {@code returned}: one row per key and horizon with
   * {@code horizon_days}, {@code cohort_size}, {@code still_present} (observed up to the horizon with no exit),
   * {@code km_share_present} and {@code km_variance}. When no one of the cohort is observed up to the horizon (all
   * left or were censored before it, and at least one was censored), the horizon lies beyond the data: the three
   * figures are null rather than a guess.
   */
  public static Dataset<Row> atHorizons(Dataset<Row> followUp, String[] keys, List<Integer> horizonsDays) {
    StructType schema = new StructType();
    for (String k : keys) {
      schema = schema.add(followUp.schema().apply(k));
    }
    schema = schema.add("horizon_days", DataTypes.IntegerType, false)
        .add("cohort_size", DataTypes.LongType, false).add("still_present", DataTypes.LongType, true)
        .add("km_share_present", DataTypes.DoubleType, true).add("km_variance", DataTypes.DoubleType, true);
    List<Row> rows = new ArrayList<>();
    for (Estimate e : estimates(followUp, keys, horizonsDays)) {
      List<Object> values = new ArrayList<>(e.key());
      values.addAll(Arrays.asList(e.horizonDays(), e.cohortSize(), e.stillPresent(), e.share(), e.variance()));
      rows.add(RowFactory.create(values.toArray()));
    }
    return followUp.sparkSession().createDataFrame(rows, schema);
  }

  /** {@link #atHorizons} as records, keys in {@link #KEY_ORDER}, horizons in the order given: one Spark job. */
  public static List<Estimate> estimates(Dataset<Row> followUp, String[] keys, List<Integer> horizonsDays) {
    List<Column> byTime = new ArrayList<>();
    for (String k : keys) {
      byTime.add(col(k));
    }
    byTime.add(col("time"));
    List<Row> counts = followUp.groupBy(byTime.toArray(Column[]::new))
        .agg(sum(when(col("returned"), 1L).otherwise(0L)).as("exits"), count(lit(1)).as("persons"))
        .collectAsList();
    // Per cohort, {exits, persons} per time in days.
    Map<List<Object>, TreeMap<Integer, long[]>> cohorts = new TreeMap<>(KEY_ORDER);
    for (Row r : counts) {
      List<Object> key = new ArrayList<>();
      for (int i = 0; i < keys.length; i++) {
        key.add(r.get(i));
      }
      cohorts.computeIfAbsent(key, k -> new TreeMap<>())
          .put(((Number) r.get(keys.length)).intValue(), new long[] {r.getLong(keys.length + 1),
              r.getLong(keys.length + 2)});
    }
    List<Estimate> out = new ArrayList<>();
    cohorts.forEach((key, byDay) -> {
      for (int h : horizonsDays) {
        out.add(atHorizon(key, byDay, h));
      }
    });
    return out;
  }

  /** One cohort's figures at horizon {@code h} from its {exits, persons} per time, times ascending. */
  private static Estimate atHorizon(List<Object> key, TreeMap<Integer, long[]> byDay, int h) {
    long atRisk = 0;
    long leftBy = 0;
    long censoredBefore = 0;
    double logShare = 0.0;
    double greenwood = 0.0;
    boolean reachedZero = false;
    // Walks the times down, as the Spark queries that computed these figures before summed them, so that the sums
    // of doubles add in the same order and give the same bits: the people at risk at t are those with time >= t.
    // StrictMath, as Spark's log1p and exp use: Math's intrinsics may differ in the last bit.
    for (Map.Entry<Integer, long[]> at : byDay.descendingMap().entrySet()) {
      int t = at.getKey();
      long exits = at.getValue()[0];
      long persons = at.getValue()[1];
      atRisk += persons;
      if (t <= h) {
        leftBy += exits;
        if (exits > 0 && exits < atRisk) {
          logShare += StrictMath.log1p(-((double) exits / atRisk));
          greenwood += (double) exits / (atRisk * (atRisk - exits));
        }
        reachedZero |= exits > 0 && exits == atRisk;
      }
      if (t < h) {
        censoredBefore += persons - exits;
      }
    }
    long size = atRisk;
    long stillPresent = size - leftBy - censoredBefore;
    if (stillPresent <= 0 && censoredBefore != 0) {
      return new Estimate(key, h, size, null, null, null);
    }
    double share = reachedZero ? 0.0 : StrictMath.exp(logShare);
    return new Estimate(key, h, size, stillPresent, share, share * share * greenwood);
  }
}
