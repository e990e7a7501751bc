package org.borderflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPartitionsTest {

  @Test
  void theEventsGetEnoughPartitionsToStayUnderTheLimitAndNeverFewerThanTheCores() {
    PipelineSettings defaults = PipelineSettings.from(ConfigLoader.load(null, List.of()));
    assertEquals(5_000_000, defaults.eventsPerPartition());
    assertEquals(2, defaults.eventPartitions(0, 2));
    assertEquals(2, defaults.eventPartitions(10_000_000, 2));
    assertEquals(16, defaults.eventPartitions(10_000_000, 16));
    assertEquals(10, defaults.eventPartitions(50_000_000, 2));
    assertEquals(21, defaults.eventPartitions(100_000_001, 2));
    PipelineSettings small = PipelineSettings.from(ConfigLoader.load(null,
        List.of("borderflow.spark.events-per-partition=1000")));
    assertEquals(2, small.eventPartitions(1_500, 1));
    assertEquals(3, small.eventPartitions(2_001, 1));
    assertThrows(ConfigurationException.class, () -> PipelineSettings.from(ConfigLoader.load(null,
        List.of("borderflow.spark.events-per-partition=0"))));
  }
}
