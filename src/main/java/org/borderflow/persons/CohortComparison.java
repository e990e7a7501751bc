package org.borderflow.persons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
 *
 * <p>The comparison, the flags and the suppression are computed on the driver from the Kaplan-Meier estimates (one
 * Spark job): a cohort table has a few hundred rows.
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
   * horizon, as rows of {@link #columns} with both flags false. A cohort with no member has size 0, not null: it
   * will be suppressed like any small cohort. Pairs in {@link KaplanMeier#KEY_ORDER}, horizons as given.
   */
  public static List<Object[]> compare(Dataset<Row> followUp, String[] groups, List<Integer> horizonsDays,
                                       double coverage) {
    List<String> cohortKey = new ArrayList<>(List.of(CohortFollowUp.KEY));
    cohortKey.addAll(List.of(groups));
    int pairWidth = cohortKey.size();
    cohortKey.add("cohort");
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - coverage) / 2);
    // Per pair (the cohort key without the cohort) and horizon: the event cohort's estimate, then the baseline's.
    Map<List<Object>, Map<Integer, KaplanMeier.Estimate[]>> pairs = new TreeMap<>(KaplanMeier.KEY_ORDER);
    for (KaplanMeier.Estimate e : KaplanMeier.estimates(followUp, cohortKey.toArray(String[]::new), horizonsDays)) {
      int side = CohortFollowUp.EVENT.equals(e.key().get(pairWidth)) ? 0
          : CohortFollowUp.BASELINE.equals(e.key().get(pairWidth)) ? 1 : -1;
      if (side >= 0) {
        pairs.computeIfAbsent(e.key().subList(0, pairWidth), k -> new LinkedHashMap<>())
            .computeIfAbsent(e.horizonDays(), h -> new KaplanMeier.Estimate[2])[side] = e;
      }
    }
    List<Object[]> out = new ArrayList<>();
    pairs.forEach((pair, byHorizon) -> byHorizon.forEach((horizon, both) -> {
      List<Object> row = new ArrayList<>(pair);
      row.add(horizon);
      row.addAll(measures(both[0], z));
      row.addAll(measures(both[1], z));
      long size = both[0] == null ? 0L : both[0].cohortSize();
      Double excess = null;
      Double halfWidth = null;
      if (both[0] != null && both[1] != null && both[0].share() != null && both[1].share() != null) {
        excess = size * (both[0].share() - both[1].share());
        halfWidth = z * size * Math.sqrt(both[0].variance() + both[1].variance());
      }
      row.add(excess);
      row.add(excess == null ? null : excess - halfWidth);
      row.add(excess == null ? null : excess + halfWidth);
      row.add(false);
      row.add(false);
      out.add(row.toArray());
    }));
    return out;
  }

  /**
   * Primary suppression: a cohort's figures are withheld when its size, its still-present count or the difference
   * of the two (those who left or whose data ended) is below k; a count beyond the data (null) is not below k.
   */
  public static void flagSmallCohorts(List<Object[]> compared, String[] columns, int minCellPersons) {
    for (String prefix : new String[] {"", "baseline_"}) {
      int size = index(columns, prefix + "cohort_size");
      int present = index(columns, prefix + "still_present");
      int flag = index(columns, prefix.isEmpty() ? SUPPRESSED : BASELINE_SUPPRESSED);
      for (Object[] row : compared) {
        Long n = (Long) row[size];
        Long p = (Long) row[present];
        row[flag] = DisclosureControl.below(n, minCellPersons) || DisclosureControl.below(p, minCellPersons)
            || (n != null && p != null && DisclosureControl.below(n - p, minCellPersons));
      }
    }
  }

  /** Nulls what the flags withhold; the excess needs both cohorts, so it goes with either. */
  public static void applySuppression(List<Object[]> flagged, String[] columns) {
    int event = index(columns, SUPPRESSED);
    int baseline = index(columns, BASELINE_SUPPRESSED);
    for (Object[] row : flagged) {
      boolean e = (Boolean) row[event];
      boolean b = (Boolean) row[baseline];
      nullWhere(row, columns, e, EVENT_MEASURES);
      nullWhere(row, columns, b, BASELINE_MEASURES);
      nullWhere(row, columns, e || b, EXCESS);
    }
  }

  /**
   * The rows as a local relation of a cohort table's {@code columns}: the key's types from the follow-up rows,
   * every figure nullable. {@code flagsNullable} keeps each table's file schema as Spark derived it before these
   * figures moved to the driver (required flags in exodus_cohorts, optional in exodus_by_group).
   */
  public static Dataset<Row> table(Dataset<Row> followUp, String[] columns, List<Object[]> rows,
                                   boolean flagsNullable) {
    List<String> measures = new ArrayList<>(List.of(EVENT_MEASURES));
    measures.addAll(List.of(BASELINE_MEASURES));
    StructType schema = new StructType();
    for (String c : columns) {
      if (c.equals(SUPPRESSED) || c.equals(BASELINE_SUPPRESSED)) {
        schema = schema.add(c, DataTypes.BooleanType, flagsNullable);
      } else if (c.equals("horizon_days")) {
        schema = schema.add(c, DataTypes.IntegerType, true);
      } else if (c.endsWith("cohort_size") || c.endsWith("still_present")) {
        schema = schema.add(c, DataTypes.LongType, true);
      } else if (measures.contains(c) || List.of(EXCESS).contains(c)) {
        schema = schema.add(c, DataTypes.DoubleType, true);
      } else {
        schema = schema.add(followUp.schema().apply(c).copy(c, followUp.schema().apply(c).dataType(), true,
            followUp.schema().apply(c).metadata()));
      }
    }
    return followUp.sparkSession().createDataFrame(rows.stream().map(RowFactory::create).toList(), schema);
  }

  static int index(String[] columns, String name) {
    int i = Arrays.asList(columns).indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + Arrays.toString(columns));
    }
    return i;
  }

  private static void nullWhere(Object[] row, String[] columns, boolean flag, String[] names) {
    if (flag) {
      for (String c : names) {
        row[index(columns, c)] = null;
      }
    }
  }

  /**
   * An estimate's published figures ({@link #EVENT_MEASURES}) with Greenwood's normal interval for the share, kept
   * within [0, 1]; a cohort without members has size 0 and null figures.
   */
  private static List<Object> measures(KaplanMeier.Estimate e, double z) {
    if (e == null) {
      return Arrays.asList(0L, null, null, null, null);
    }
    if (e.share() == null) {
      return Arrays.asList(e.cohortSize(), e.stillPresent(), null, null, null);
    }
    double halfWidth = z * Math.sqrt(e.variance());
    return Arrays.asList(e.cohortSize(), e.stillPresent(), e.share(), Math.max(0.0, e.share() - halfWidth),
        Math.min(1.0, e.share() + halfWidth));
  }
}
