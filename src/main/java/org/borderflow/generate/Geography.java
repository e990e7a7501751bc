package org.borderflow.generate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The countries of the generated landing zone: 20 reporting countries of Europe and Central Asia, 30 citizenships
 * (every reporting country's own and ten others), and who publishes what.
 *
 * <p>Volumes and shares are plausible orders of magnitude, not published figures: the point is a realistic shape
 * (a big Germany and a small Mongolia, neighbours and home citizens dominating each border, airports and ports
 * where a country has them), not calibration. The calibrated data set is {@code sample-data/}.
 */
final class Geography {

  /**
   * A reporting country.
   *
   * @param volume     relative daily crossings
   * @param borderMix  shares of LAND, SEA and AIR crossings
   * @param points     crossing points of each border type (LAND, SEA, AIR)
   * @param neighbours citizenships that cross this border far more than their size says
   */
  record Country(String code, double volume, double[] borderMix, int[] points, Set<String> neighbours) {

    /** Name of the country's national event source: {@code fi_border}. */
    String eventSource() {
      return code.toLowerCase(Locale.ROOT) + "_border";
    }
  }

  static final String[] BORDER_TYPES = {"LAND", "SEA", "AIR"};

  static final List<Country> COUNTRIES = List.of(
      country("FI", 6, 0.55, 0.15, "2,2,2", "RU", "EE", "SE", "NO"),
      country("EE", 4, 0.60, 0.25, "3,1,1", "RU", "LV", "FI"),
      country("LV", 4, 0.70, 0.05, "3,1,1", "RU", "BY", "LT", "EE"),
      country("LT", 5, 0.75, 0.05, "3,1,2", "BY", "RU", "LV", "PL"),
      country("PL", 9, 0.60, 0.05, "4,1,3", "UA", "BY", "DE", "LT", "CZ"),
      country("NO", 4, 0.30, 0.20, "2,2,2", "SE", "FI", "RU"),
      country("SE", 6, 0.30, 0.20, "2,2,2", "NO", "FI", "DE"),
      country("DE", 12, 0.50, 0.05, "3,1,3", "PL", "CZ", "FR"),
      country("CZ", 4, 0.75, 0.00, "3,0,1", "DE", "PL"),
      country("HU", 4, 0.75, 0.00, "3,0,1", "RO", "UA"),
      country("RO", 5, 0.70, 0.05, "3,1,2", "UA", "HU", "BG"),
      country("BG", 4, 0.70, 0.05, "3,1,2", "TR", "RO", "GR"),
      country("GR", 5, 0.30, 0.20, "2,2,3", "BG", "TR"),
      country("TR", 9, 0.30, 0.10, "3,1,3", "GE", "BG", "GR", "RU"),
      country("GE", 4, 0.65, 0.00, "2,0,2", "RU", "AM", "TR", "AZ"),
      country("AM", 3, 0.55, 0.00, "2,0,1", "GE", "RU"),
      country("KZ", 6, 0.70, 0.00, "3,0,2", "RU", "UZ", "KG", "CN"),
      country("KG", 3, 0.70, 0.00, "2,0,1", "KZ", "UZ", "RU", "TJ"),
      country("UZ", 4, 0.70, 0.00, "3,0,1", "KZ", "KG", "TJ", "RU"),
      country("MN", 2, 0.60, 0.00, "2,0,1", "RU", "CN"));

  /** Citizenships and their weight among foreign travellers; each reporting country's own come first. */
  static final List<String> CITIZENSHIPS = List.of(
      "FI", "EE", "LV", "LT", "PL", "NO", "SE", "DE", "CZ", "HU", "RO", "BG", "GR", "TR", "GE", "AM", "KZ", "KG",
      "UZ", "MN", "RU", "BY", "UA", "AZ", "TJ", "FR", "IT", "GB", "US", "CN");
  static final double[] CITIZENSHIP_WEIGHT = {
      2, 1, 1, 1.2, 4, 1.2, 2, 6, 1.5, 1.5, 2, 1.2, 1.5, 4, 2, 1.5, 3, 1.5,
      3, 0.5, 8, 2, 5, 1.5, 1.5, 4, 3, 3, 2.5, 3};

  /** Share of a border's traffic made by the country's own citizens, and the boost of a neighbour's citizens. */
  static final double HOME_SHARE = 0.35;
  static final double NEIGHBOUR_BOOST = 8;

  /** Countries whose daily counts Frontex publishes beside their own event logs, as in sample-data/. */
  static final Set<String> FRONTEX = Set.of("FI", "EE", "LV", "LT", "PL", "NO");
  static final String FRONTEX_SOURCE = "frontex";
  /** The country that publishes daily entries only and no events: its exits are imputed by the pipeline. */
  static final String ENTRIES_ONLY = "KZ";
  static final String ENTRIES_ONLY_SOURCE = "kz_border_service";

  private Geography() {}

  static int citizenship(String code) {
    int index = CITIZENSHIPS.indexOf(code);
    if (index < 0) {
      throw new IllegalArgumentException("not a generated citizenship: " + code);
    }
    return index;
  }

  static int country(String code) {
    for (int c = 0; c < COUNTRIES.size(); c++) {
      if (COUNTRIES.get(c).code().equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a generated reporting country: " + code);
  }

  /** Whether a country's crossings are written as events (all but the entries-only country). */
  static boolean writesEvents(int country) {
    return !COUNTRIES.get(country).code().equals(ENTRIES_ONLY);
  }

  /** Shares of the citizenships in a country's traffic, summing to 1. */
  static double[] citizenshipShares(int country) {
    Country c = COUNTRIES.get(country);
    double[] weights = new double[CITIZENSHIPS.size()];
    double foreign = 0;
    for (int z = 0; z < weights.length; z++) {
      String code = CITIZENSHIPS.get(z);
      if (!code.equals(c.code())) {
        weights[z] = CITIZENSHIP_WEIGHT[z] * (c.neighbours().contains(code) ? NEIGHBOUR_BOOST : 1);
        foreign += weights[z];
      }
    }
    for (int z = 0; z < weights.length; z++) {
      weights[z] = CITIZENSHIPS.get(z).equals(c.code()) ? HOME_SHARE : (1 - HOME_SHARE) * weights[z] / foreign;
    }
    return weights;
  }

  private static Country country(String code, double volume, double land, double sea, String points,
                                 String... neighbours) {
    String[] p = points.split(",");
    int[] counts = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    return new Country(code, volume, new double[] {land, sea, 1 - land - sea}, counts, Set.of(neighbours));
  }
}
