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

  @Test
  void theExposureIsThePoolsOrdinaryEntriesTimesTheDestinationsShareOfItsExtraMinusItsOwnOrdinaryEntries() {
    // 1500 pre-event entries in the pool, 2500 above them; the destination's 800 above its 200.
    assertEquals(1500 * 800 / 2500.0 - 200, ExitImputation.exposure(1000, 200.0, POOL, null), 1e-9);
    // Without AA: 500 and 500 above them.
    assertEquals(500 * 800 / 500.0 - 200, ExitImputation.exposure(1000, 200.0, POOL, "AA"), 1e-9);
    List<ExitImputation.Member> calm = List.of(new ExitImputation.Member("AA", 1020, 900, 1000.0, 900.0));
    assertEquals(0, ExitImputation.exposure(1000, 200.0, calm, null), "the plain ratio's week has none");
    assertEquals(0, ExitImputation.exposure(1000, null, POOL, null), "nor a destination without a pre-event level");
  }

  @Test
  void whenOrdinaryTrafficMovesAlikeEverywhereTheImputationErrsByOneFactorTimesTheExposure() {
    // Pre-event exits are half the entries (rho 0.5); in the window ordinary entries fall by 10% (g), ordinary exits
    // rise by 5% (h), and extra arrivals S leave at 0.2 (sigma): entries P (1 + g) + S, exits rho P (1 + h) + sigma S.
    List<ExitImputation.Member> pool = List.of(
        new ExitImputation.Member("AA", 900 + 2000, 525 + 400, 1000.0, 500.0),
        new ExitImputation.Member("BB", 450 + 200, 262.5 + 40, 500.0, 250.0));
    double entries = 180 + 1500;
    double realExits = 105 + 300;
    double error = ExitImputation.exits(entries, 200.0, true, pool, null) - realExits;
    assertEquals((0.5 * 0.05 + 0.2 * 0.1) * ExitImputation.exposure(entries, 200.0, pool, null), error, 1e-9);
    assertEquals(39.7317, error, 1e-4);
  }
}
