package org.borderflow.persons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class KaplanMeierTest extends SparkTestBase {

  static final StructType FOLLOW_UP = new StructType()
      .add("cohort", DataTypes.StringType).add("time", DataTypes.IntegerType).add("returned", DataTypes.BooleanType);

  /**
   * Seven people: two leave after 1 day, one is censored at 2, one leaves at 3, one is censored at 4, one leaves at
   * 6, one is censored at 8. By hand: S = 5/7 from day 1, x 3/4 from day 3 (4 at risk), x 1/2 from day 6 (2 at risk).
   */
  @Test
  void shareStillPresentIsTheProductLimitWithCensoredPeopleLeavingTheRiskSet() {
    Map<Integer, Row> at = new HashMap<>();
    for (Row r : KaplanMeier.atHorizons(df(FOLLOW_UP,
            row("a", 1, true), row("a", 1, true), row("a", 2, false), row("a", 3, true), row("a", 4, false),
            row("a", 6, true), row("a", 8, false)), new String[] {"cohort"}, List.of(0, 2, 5, 7, 10))
        .collectAsList()) {
      at.put(r.getAs("horizon_days"), r);
    }
    assertShare(at.get(0), 7, 7, 1.0, 0.0);
    assertShare(at.get(2), 7, 5, 5 / 7.0, greenwood(5 / 7.0, 2.0 / (7 * 5)));
    // Two censored before day 5 are neither present nor returned: the count (2) and the share (15/28) part ways.
    assertShare(at.get(5), 7, 2, 15 / 28.0, greenwood(15 / 28.0, 2.0 / (7 * 5) + 1.0 / (4 * 3)));
    assertShare(at.get(7), 7, 1, 15 / 56.0, greenwood(15 / 56.0, 2.0 / (7 * 5) + 1.0 / (4 * 3) + 1.0 / (2 * 1)));
    Row beyond = at.get(10);
    assertTrue(beyond.isNullAt(beyond.fieldIndex("still_present")), "nobody observed to day 10: " + beyond);
    assertTrue(beyond.isNullAt(beyond.fieldIndex("km_share_present")));
  }

  @Test
  void withoutCensoringTheShareIsTheCountAndACohortThatAllLeftIsAtZero() {
    Map<Integer, Row> at = new HashMap<>();
    for (Row r : KaplanMeier.atHorizons(df(FOLLOW_UP,
            row("b", 0, true), row("b", 3, true), row("b", 3, true), row("b", 9, true)),
        new String[] {"cohort"}, List.of(2, 3, 30)).collectAsList()) {
      at.put(r.getAs("horizon_days"), r);
    }
    assertShare(at.get(2), 4, 3, 0.75, greenwood(0.75, 1.0 / (4 * 3)));
    assertShare(at.get(3), 4, 1, 0.25, greenwood(0.25, 1.0 / (4 * 3) + 2.0 / (3 * 1)));
    assertShare(at.get(30), 4, 0, 0.0, 0.0);
  }

  private static double greenwood(double share, double sum) {
    return share * share * sum;
  }

  private static void assertShare(Row r, long size, long present, double share, double variance) {
    assertEquals(size, (long) r.getAs("cohort_size"), r.toString());
    assertEquals(present, (long) r.getAs("still_present"), r.toString());
    assertEquals(share, (double) r.getAs("km_share_present"), 1e-12, r.toString());
    assertEquals(variance, (double) r.getAs("km_variance"), 1e-12, r.toString());
  }
}
