package org.borderflow.generate;

/**
 * Counter-based randomness: every draw is a pure function of the seed and a key (country, citizenship, day, ...).
 *
 * <p>Nothing depends on the order in which things are generated, so any day of any source can be produced on its
 * own, by any thread, and the exit of a trip can be recomputed on its exit day from the same key as its entry
 * instead of being remembered. That is what keeps the generator's memory independent of the number of events.
 */
final class Keyed {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Keyed() {}

  /** The SplitMix64 finaliser: a bijection on 64 bits that scatters neighbouring inputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The key {@code parent} extended by one more component. */
  static long key(long parent, long component) {
    return mix(parent + GOLDEN * (component + 1));
  }

  /** A uniform double in [0, 1) drawn from a key. */
  static double unit(long key) {
    return (mix(key ^ GOLDEN) >>> 11) * 0x1.0p-53;
  }

  /** A standard normal draw from a key (Box-Muller on two independent uniforms). */
  static double gaussian(long key) {
    double u1 = 1.0 - unit(key(key, 1));
    double u2 = unit(key(key, 2));
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** {@code x} rounded down or up at random, up with probability of its fractional part: unbiased on average. */
  static long roundRandomly(double x, long key) {
    double floor = Math.floor(x);
    return (long) floor + (unit(key) < x - floor ? 1 : 0);
  }

  /** The index that a uniform {@code u} in [0, 1) falls on when the weights are laid end to end. */
  static int pick(double[] weights, double u) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double left = u * total;
    int last = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        left -= weights[i];
        if (left < 0) {
          return i;
        }
      }
    }
    return last;
  }
}
