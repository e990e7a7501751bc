package org.borderflow.generate;

import java.util.Locale;

/**
 * What a crossing says about its traveller, derived from the traveller's key alone, so that each of a person's
 * crossings carries the same pseudonymous id, sex and birth year.
 */
final class Travellers {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int[] AGE_BANDS = {18, 25, 35, 45, 55, 65, 80};
  private static final double[] AGE_WEIGHTS = {12, 26, 24, 17, 13, 8};
  /** People fleeing the shock (a mobilisation) are mostly men of 25 to 40. Both as in sample-data's Georgian events. */
  private static final int[] SHOCK_AGE_BANDS = {18, 25, 41, 51, 66};
  private static final double[] SHOCK_AGE_WEIGHTS = {15, 65, 14, 6};

  private Travellers() {}

  /** {@code fi-} and 16 hex digits of the key: unique in practice (64 bits), and telling nothing about the person. */
  static String id(String prefix, long key) {
    char[] chars = new char[prefix.length() + 16];
    prefix.getChars(0, prefix.length(), chars, 0);
    for (int i = 0; i < 16; i++) {
      chars[chars.length - 1 - i] = HEX[(int) (key >>> (4 * i)) & 0xF];
    }
    return new String(chars);
  }

  static String idPrefix(String countryCode) {
    return countryCode.toLowerCase(Locale.ROOT) + "-";
  }

  /** {@code M}, {@code F}, rarely {@code X}, and null for one record in two hundred. */
  static String sex(long key, boolean shock) {
    double u = Keyed.unit(Keyed.key(key, 1));
    if (u < 0.005) {
      return null;
    }
    if (u < 0.007) {
      return "X";
    }
    return u < (shock ? 0.80 : 0.52) ? "M" : "F";
  }

  /** A birth year for someone crossing in {@code year}; null for one record in seventy. */
  static Integer birthYear(long key, boolean shock, int year) {
    double u = Keyed.unit(Keyed.key(key, 2));
    if (u < 0.015) {
      return null;
    }
    if (!shock && u < 0.085) {
      return year - (int) (Keyed.unit(Keyed.key(key, 3)) * 18);
    }
    int[] bands = shock ? SHOCK_AGE_BANDS : AGE_BANDS;
    double[] weights = shock ? SHOCK_AGE_WEIGHTS : AGE_WEIGHTS;
    int band = Keyed.pick(weights, Keyed.unit(Keyed.key(key, 4)));
    int width = bands[band + 1] - bands[band];
    return year - bands[band] - (int) (Keyed.unit(Keyed.key(key, 5)) * width);
  }
}
