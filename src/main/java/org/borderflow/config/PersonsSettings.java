package org.borderflow.config;

import java.util.List;

/**
 * Settings of the person-level stage: the follow-up horizons of the cohorts, in days after each traveller's cohort
 * entry, and k, the fewest persons a published person-level cell may count.
 */
public record PersonsSettings(List<Integer> horizonsDays, int minCellPersons) {

  public PersonsSettings {
    if (horizonsDays.isEmpty()) {
      throw new ConfigurationException("borderflow.persons.horizons-days is empty");
    }
    for (int h : horizonsDays) {
      if (h < 1) {
        throw new ConfigurationException("borderflow.persons.horizons-days must be positive days, got " + h);
      }
    }
    if (horizonsDays.stream().distinct().count() != horizonsDays.size()) {
      throw new ConfigurationException("borderflow.persons.horizons-days repeats a horizon: " + horizonsDays);
    }
    if (minCellPersons < 1) {
      throw new ConfigurationException("borderflow.persons.min-cell-persons must be at least 1, got " + minCellPersons);
    }
    horizonsDays = List.copyOf(horizonsDays);
  }
}
