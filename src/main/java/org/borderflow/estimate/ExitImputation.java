package org.borderflow.estimate;

import java.util.List;

/**
 * Exits of a destination that publishes entries only, week by week, from the destinations that report both in the
 * same week (the pool). README, "Imputed exits":
 * <ul>
 *   <li>outside the window, and wherever the pool's arrivals are not above their pre-event level, the exits are
 *       the entries times the pool's exit/entry ratio of the week;</li>
 *   <li>in the window, ordinary traffic and the event's extra arrivals are told apart: the destination's ordinary
 *       entries (its pre-event weekly mean) leave at the pool's pre-event ratio, and its entries above that leave at
 *       the pool's marginal ratio of the week, the pool's exits above their pre-event mean over its entries above
 *       theirs. Extra arrivals of an exodus stay far more than ordinary travellers do, so a destination whose
 *       arrivals grew more than the pool's would otherwise get far too many exits.</li>
 * </ul>
 */
final class ExitImputation {

  /**
   * A reporting destination of the pool in one week, with its own pre-event weekly means (null where it had no
   * pre-event week).
   */
  record Member(String destination, double entries, double exits, Double preEntries, Double preExits) {}

  /**
   * The pool's extra entries must be at least this share of its pre-event entries for the marginal ratio to be
   * used: below it the difference of two near-equal sums is noise.
   */
  static final double MIN_EXTRA_SHARE = 0.10;

  private ExitImputation() {}

  /**
   * Exits of a week with {@code entries}, from the pool without {@code leftOut} (null: the whole pool); null where
   * the pool is empty.
   */
  static Double exits(double entries, Double ownPreEntries, boolean window, List<Member> pool, String leftOut) {
    double poolEntries = 0;
    double poolExits = 0;
    double preEntries = 0;
    double preExits = 0;
    boolean preComplete = true;
    for (Member m : pool) {
      if (m.destination().equals(leftOut)) {
        continue;
      }
      poolEntries += m.entries();
      poolExits += m.exits();
      if (m.preEntries() == null || m.preExits() == null) {
        preComplete = false;
      } else {
        preEntries += m.preEntries();
        preExits += m.preExits();
      }
    }
    if (!(poolEntries > 0)) {
      return null;
    }
    double extraEntries = poolEntries - preEntries;
    if (window && ownPreEntries != null && preComplete && preEntries > 0
        && extraEntries >= MIN_EXTRA_SHARE * preEntries) {
      double marginal = (poolExits - preExits) / extraEntries;
      return Math.max(0, ownPreEntries * (preExits / preEntries) + marginal * (entries - ownPreEntries));
    }
    return entries * poolExits / poolEntries;
  }
}
