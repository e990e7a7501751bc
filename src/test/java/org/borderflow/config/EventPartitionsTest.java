package org.borderflow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPartitionsTest {

  @Test
  void theEventsGetEnoughPartitionsToStayUnderTheLimitAndNeverFewerThanTheShufflePartitions() {
    PipelineSettings defaults = PipelineSettings.from(ConfigLoader.load(null, List.of()));
    assertEquals(2_000_000, defaults.eventsPerPartition());
    assertEquals(8, defaults.eventPartitions(0));
    assertEquals(8, defaults.eventPartitions(10_000_000));
    assertEquals(25, defaults.eventPartitions(50_000_000));
    assertEquals(51, defaults.eventPartitions(100_000_001));
    PipelineSettings small = PipelineSettings.from(ConfigLoader.load(null,
        List.of("borderflow.spark.events-per-partition=1000", "borderflow.spark.shuffle-partitions=2")));
    assertEquals(2, small.eventPartitions(1_500));
    assertEquals(3, small.eventPartitions(2_001));
    assertThrows(ConfigurationException.class, () -> PipelineSettings.from(ConfigLoader.load(null,
        List.of("borderflow.spark.events-per-partition=0"))));
  }
}
