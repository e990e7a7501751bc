package org.borderflow.persons;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An event cohort beside its baseline cohort at each horizon, and the excess stayers: the people who stayed
 * because of the event, beyond those who would have stayed anyway.
 *
 * <p>excess_stayers = n_e * (S_e(h) - S_b(h)), with n_e the event cohort's size and S the Kaplan-Meier shares
 * still present. Without censoring before h, n_e * S_e(h) is exactly the event cohort's still-present count, so
 * this is "still present minus the baseline's share times the cohort's size"; with censoring it is the same
 * with the censored people's fate estimated rather than counted as returned. The interval is normal:
 * excess +/- z * n_e * sqrt(Var S_e(h) + Var S_b(h)), each variance by Greenwood's formula, the two cohorts taken as
 * independent samples and n_e as given.
 */
public final class CohortComparison {

  public static final String[] EVENT_MEASURES = {"cohort_size", "still_present", "km_share_present", "km_share_low",
      "km_share_high"};
  public static final String[] BASELINE_MEASURES = Arrays.stream(EVENT_MEASURES).map(m -> "baseline_" + m)
      .toArray(String[]::new);
  public static final String[] EXCESS = {"excess_stayers", "excess_stayers_low", "excess_stayers_high"};
  public static final String SUPPRESSED = "suppressed";
  public static final String BASELINE_SUPPRESSED = "baseline_suppressed";

  private CohortComparison() {}

  /**
   * The published columns of a cohort table: the cohort pair's key, its groups if any, the horizon, the event
   * cohort's measures, the baseline cohort's, the excess, and the two suppression flags.
   */
  public static String[] columns(String... groups) {
    List<String> out = new ArrayList<>(List.of(CohortFollowUp.KEY));
    out.addAll(List.of(groups));
    out.add("horizon_days");
    out.addAll(List.of(EVENT_MEASURES));
    out.addAll(List.of(BASELINE_MEASURES));
    out.addAll(List.of(EXCESS));
    out.add(SUPPRESSED);
    out.add(BASELINE_SUPPRESSED);
    return out.toArray(String[]::new);
  }

  /**
   * From the follow-up rows, the unsuppressed comparison per {@link CohortFollowUp#KEY}, {@code groups} and
   * horizon. A cohort with no member has size 0, not null: it will be suppressed like any small cohort.
   */
  public static Dataset<Row> compare(Dataset<Row> followUp, String[] groups, List<Integer> horizonsDays,
                                     double coverage) {
    List<String> pairKey = new ArrayList<>(List.of(CohortFollowUp.KEY));
    pairKey.addAll(List.of(groups));
    List<String> cohortKey = new ArrayList<>(pairKey);
    cohortKey.add("cohort");
    Dataset<Row> km = KaplanMeier.atHorizons(followUp, cohortKey.toArray(String[]::new), horizonsDays);
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - coverage) / 2);
    Dataset<Row> event = withShareInterval(km.where(col("cohort").equalTo(CohortFollowUp.EVENT)).drop("cohort"), z);
    Dataset<Row> baseline = withShareInterval(km.where(col("cohort").equalTo(CohortFollowUp.BASELINE)).drop("cohort"),
        z);
    for (String m : new String[] {"cohort_size", "still_present", "km_share_present", "km_share_low", "km_share_high",
        "km_variance"}) {
      baseline = baseline.withColumnRenamed(m, "baseline_" + m);
    }
    pairKey.add("horizon_days");
    Column size = col("cohort_size");
    Column excess = size.multiply(col("km_share_present").minus(col("baseline_km_share_present")));
    Column halfWidth = lit(z).multiply(size).multiply(sqrt(col("km_variance").plus(col("baseline_km_variance"))));
    return event.join(baseline, pairKey.toArray(String[]::new), "full")
        .withColumn("cohort_size", coalesce(size, lit(0L)))
        .withColumn("baseline_cohort_size", coalesce(col("baseline_cohort_size"), lit(0L)))
        .withColumn("excess_stayers", excess)
        .withColumn("excess_stayers_low", excess.minus(halfWidth))
        .withColumn("excess_stayers_high", excess.plus(halfWidth))
        .drop("km_variance", "baseline_km_variance");
  }

  /**
   * Primary suppression: a cohort's figures are withheld when its size, its still-present count or the difference
   * of the two (those who left or whose data ended) is below k; a count beyond the data (null) is not below k.
   */
  public static Dataset<Row> flagSmallCohorts(Dataset<Row> compared, int minCellPersons) {
    return compared
        .withColumn(SUPPRESSED, small(minCellPersons, ""))
        .withColumn(BASELINE_SUPPRESSED, small(minCellPersons, "baseline_"));
  }

  /** Nulls what the flags withhold; the excess needs both cohorts, so it goes with either. */
  public static Dataset<Row> applySuppression(Dataset<Row> flagged) {
    Dataset<Row> out = DisclosureControl.nullWhere(flagged, SUPPRESSED, EVENT_MEASURES);
    out = DisclosureControl.nullWhere(out, BASELINE_SUPPRESSED, BASELINE_MEASURES);
    out = DisclosureControl.nullWhere(out, SUPPRESSED, EXCESS);
    return DisclosureControl.nullWhere(out, BASELINE_SUPPRESSED, EXCESS);
  }

  private static Column small(int minCellPersons, String prefix) {
    Column size = col(prefix + "cohort_size");
    Column present = col(prefix + "still_present");
    return DisclosureControl.anyBelow(minCellPersons, size, present, size.minus(present));
  }

  /** Greenwood's normal interval for the share, kept within [0, 1]. */
  private static Dataset<Row> withShareInterval(Dataset<Row> km, double z) {
    Column halfWidth = lit(z).multiply(sqrt(col("km_variance")));
    return km
        // greatest and least skip nulls: a share beyond the data must keep null bounds, not [0, 1].
        .withColumn("km_share_low", when(col("km_share_present").isNotNull(),
            greatest(lit(0.0), col("km_share_present").minus(halfWidth))))
        .withColumn("km_share_high", when(col("km_share_present").isNotNull(),
            least(lit(1.0), col("km_share_present").plus(halfWidth))));
  }
}
