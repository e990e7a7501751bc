package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Imputed exits of an entries-only destination, worked out by hand. */
class ExitImputationTest {

  static final List<ExitImputation.Member> POOL = List.of(
      new ExitImputation.Member("AA", 3000, 1500, 1000.0, 900.0),
      new ExitImputation.Member("BB", 1000, 800, 500.0, 250.0));

  @Test
  void outsideTheWindowTheExitsAreTheEntriesAtThePoolsRatio() {
    assertEquals(200 * 2300 / 4000.0, ExitImputation.exits(200, 200.0, false, POOL, null), 1e-9);
  }

  @Test
  void inTheWindowExtraEntriesLeaveAtThePoolsMarginalRatio() {
    // Ordinary 200 at 1150/1500; extra 800 at (2300 - 1150) / (4000 - 1500) = 0.46.
    assertEquals(200 * 1150 / 1500.0 + 0.46 * 800, ExitImputation.exits(1000, 200.0, true, POOL, null), 1e-9);
  }

  @Test
  void withoutAPreEventLevelOrAnyExtraInThePoolTheWeeksRatioIsUsed() {
    assertEquals(1000 * 2300 / 4000.0, ExitImputation.exits(1000, null, true, POOL, null), 1e-9);
    List<ExitImputation.Member> calm = List.of(new ExitImputation.Member("AA", 1020, 900, 1000.0, 900.0));
    assertEquals(1000 * 900 / 1020.0, ExitImputation.exits(1000, 200.0, true, calm, null), 1e-9,
        "2% more entries than before: the marginal ratio would be noise");
  }

  @Test
  void leavingADestinationOutImputesFromTheRestAndAnEmptyPoolImputesNothing() {
    assertEquals(200 * 250 / 500.0 + (550 / 500.0) * 800, ExitImputation.exits(1000, 200.0, true, POOL, "AA"), 1e-9);
    assertNull(ExitImputation.exits(1000, 200.0, true, List.of(), null));
  }
}
