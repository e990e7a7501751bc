package org.borderflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonsSettingsTest {

  @Test
  void defaultsAreFourHorizonsAndKOfTen() {
    PersonsSettings persons = PipelineSettings.from(ConfigLoader.load(null, List.of())).persons();
    assertEquals(List.of(7, 14, 30, 90), persons.horizonsDays());
    assertEquals(10, persons.minCellPersons());
  }

  @Test
  void overridesAreCheckedOnce() {
    assertEquals(List.of(30), PipelineSettings.from(ConfigLoader.load(null,
        List.of("borderflow.persons.horizons-days=[30]"))).persons().horizonsDays());
    ConfigurationException k = assertThrows(ConfigurationException.class, () -> PipelineSettings.from(
        ConfigLoader.load(null, List.of("borderflow.persons.min-cell-persons=0"))));
    assertTrue(k.getMessage().contains("min-cell-persons"), k.getMessage());
    ConfigurationException h = assertThrows(ConfigurationException.class, () -> PipelineSettings.from(
        ConfigLoader.load(null, List.of("borderflow.persons.horizons-days=[7, 0]"))));
    assertTrue(h.getMessage().contains("horizons-days"), h.getMessage());
  }
}
