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
    Sums p = Sums.of(pool, leftOut);
    if (!(p.entries > 0)) {
      return null;
    }
    if (p.marginal(window, ownPreEntries)) {
      double marginal = (p.exits - p.preExits) / (p.entries - p.preEntries);
      return Math.max(0, ownPreEntries * (p.preExits / p.preEntries) + marginal * (entries - ownPreEntries));
    }
    return entries * p.exits / p.entries;
  }

  /**
   * How far a window week of a destination with {@code entries} departs from the mix of the pool without
   * {@code leftOut}, in the way the marginal ratio errs (README, "How an estimate is made", step 2): the pool's
   * pre-event entries times the destination's share of the pool's extra entries, minus the destination's own
   * pre-event entries, {@code P (e - p) / (E - P) - p}. 0 where the week's exits are the plain ratio's.
   *
   * <p>Why: if every destination's ordinary entries move by the same share {@code g} from their pre-event level and
   * its ordinary exits by {@code h}, and the event's extra arrivals leave at one ratio {@code σ} everywhere, the
   * marginal ratio mixes the pool's ordinary change into {@code σ}, and the imputed exits err by
   * {@code (ρ h - σ g)} times this exposure, {@code ρ} the pre-event ratio. A destination whose extra and ordinary
   * entries are in the pool's proportions is imputed without error, however large its extra arrivals. The factor
   * is the same for every destination of the week; the exposure is not, and it depends on the pool: a pool without
   * its largest extra arrivals mixes in more of the ordinary change.
   */
  static double exposure(double entries, Double ownPreEntries, List<Member> pool, String leftOut) {
    Sums p = Sums.of(pool, leftOut);
    if (!(p.entries > 0) || !p.marginal(true, ownPreEntries)) {
      return 0;
    }
    return p.preEntries * (entries - ownPreEntries) / (p.entries - p.preEntries) - ownPreEntries;
  }

  /** The pool's entries and exits of the week and its pre-event weekly means, without one destination. */
  private record Sums(double entries, double exits, double preEntries, double preExits, boolean preComplete) {

    static Sums of(List<Member> pool, String leftOut) {
      double entries = 0;
      double exits = 0;
      double preEntries = 0;
      double preExits = 0;
      boolean preComplete = true;
      for (Member m : pool) {
        if (m.destination().equals(leftOut)) {
          continue;
        }
        entries += m.entries();
        exits += m.exits();
        if (m.preEntries() == null || m.preExits() == null) {
          preComplete = false;
        } else {
          preEntries += m.preEntries();
          preExits += m.preExits();
        }
      }
      return new Sums(entries, exits, preEntries, preExits, preComplete);
    }

    /** The window's extra arrivals leave at the marginal ratio: the pool is far enough above its pre-event level. */
    boolean marginal(boolean window, Double ownPreEntries) {
      return window && ownPreEntries != null && preComplete && preEntries > 0
          && entries - preEntries >= MIN_EXTRA_SHARE * preEntries;
    }
  }
}
