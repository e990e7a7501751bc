package org.borderflow.persons;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Kaplan-Meier estimate of the share of a cohort still present h days after entry, with right-censoring:
 * S(h) = product over the exit times t_i <= h of (1 - d_i / n_i), where d_i left after t_i days and n_i were still
 * under observation at t_i (time >= t_i, censored or not). A person whose data ends before h days is censored: they
 * count as present while observed and then drop out of the denominator, never as a return. Greenwood's formula
 * gives the variance: S(h)^2 times the sum over t_i <= h of d_i / (n_i (n_i - d_i)).
 *
 * <p>Everything is computed on the (cohort, time) counts, a few hundred rows per cohort, never on persons twice.
 */
public final class KaplanMeier {

  private KaplanMeier() {}

  /**
   * From rows of {@code keys}, {@code time} (whole days) and {@code returned}: one row per key and horizon with
   * {@code horizon_days}, {@code cohort_size}, {@code still_present} (observed up to the horizon with no exit),
   * {@code km_share_present} and {@code km_variance}. When no one of the cohort is observed up to the horizon (all
   * left or were censored before it, and at least one was censored), the horizon lies beyond the data: the three
   * figures are null rather than a guess.
   */
  public static Dataset<Row> atHorizons(Dataset<Row> followUp, String[] keys, List<Integer> horizonsDays) {
    Column[] keyColumns = Arrays.stream(keys).map(c -> col(c)).toArray(Column[]::new);
    List<Column> byTimeKey = new ArrayList<>(Arrays.asList(keyColumns));
    byTimeKey.add(col("time"));
    Column exits = col("exits");
    Column atRisk = col("at_risk");
    Column informative = exits.gt(0).and(exits.lt(atRisk));
    Dataset<Row> byTime = followUp
        .groupBy(byTimeKey.toArray(Column[]::new))
        .agg(sum(when(col("returned"), 1L).otherwise(0L)).as("exits"), count(lit(1)).as("persons"))
        .withColumn("at_risk", sum(col("persons")).over(Window.partitionBy(keyColumns).orderBy(col("time").desc())
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("log_factor", when(informative, log1p(exits.cast("double").divide(atRisk).multiply(-1))))
        .withColumn("all_left", exits.gt(0).and(exits.equalTo(atRisk)))
        .withColumn("greenwood", when(informative, exits.cast("double").divide(atRisk.multiply(atRisk.minus(exits)))));

    List<Column> byHorizon = new ArrayList<>(Arrays.asList(keyColumns));
    byHorizon.add(col("horizon_days"));
    Column upTo = col("time").leq(col("horizon_days"));
    Dataset<Row> sums = byTime.crossJoin(broadcast(horizons(followUp, horizonsDays)))
        .groupBy(byHorizon.toArray(Column[]::new))
        .agg(sum(col("persons")).as("cohort_size"),
            coalesce(sum(when(upTo, exits)), lit(0L)).as("left_by"),
            coalesce(sum(when(col("time").lt(col("horizon_days")), col("persons").minus(exits))), lit(0L))
                .as("censored_before"),
            coalesce(sum(when(upTo, col("log_factor"))), lit(0.0)).as("log_share"),
            coalesce(max(when(upTo, col("all_left"))), lit(false)).as("reached_zero"),
            coalesce(sum(when(upTo, col("greenwood"))), lit(0.0)).as("greenwood_sum"));
    Column stillPresent = col("cohort_size").minus(col("left_by")).minus(col("censored_before"));
    Column observable = stillPresent.gt(0).or(col("censored_before").equalTo(0));
    Column share = when(col("reached_zero"), lit(0.0)).otherwise(exp(col("log_share")));
    return sums
        .withColumn("still_present", when(observable, stillPresent))
        .withColumn("km_share_present", when(observable, share))
        .withColumn("km_variance", when(observable, share.multiply(share).multiply(col("greenwood_sum"))))
        .drop("left_by", "censored_before", "log_share", "reached_zero", "greenwood_sum");
  }

  private static Dataset<Row> horizons(Dataset<Row> like, List<Integer> horizonsDays) {
    List<Row> rows = horizonsDays.stream().map(h -> RowFactory.create(h)).toList();
    return like.sparkSession().createDataFrame(rows,
        new StructType().add("horizon_days", DataTypes.IntegerType, false));
  }
}
