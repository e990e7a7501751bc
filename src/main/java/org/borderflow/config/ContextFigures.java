package org.borderflow.config;

/** Reference figures for one origin citizenship, each with the source it was taken from. */
public record ContextFigures(String origin, double population, String populationSource, double opposingShare,
                             String opposingShareSource, double maleShareOfOpposing, String maleShareSource) {

  public ContextFigures {
    if (population <= 0) {
      throw new ConfigurationException("context." + origin + ".population must be positive");
    }
    requireShare(origin, "opposing-share", opposingShare);
    requireShare(origin, "male-share-of-opposing", maleShareOfOpposing);
  }

  private static void requireShare(String origin, String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new ConfigurationException("context." + origin + "." + key + " must be in (0, 1], got " + value);
    }
  }
}
