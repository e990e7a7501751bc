package org.borderflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyedSumsTest {

  /** The sums as a map from the key, written "a/b/c", to its counters. */
  private static Map<String, List<Long>> contents(KeyedSums sums, int counters) {
    Map<String, List<Long>> out = new HashMap<>();
    sums.forEach((a, b, c, at) -> {
      Long[] values = new Long[counters];
      for (int i = 0; i < counters; i++) {
        values[i] = sums.get(at, i);
      }
      out.put(a + "/" + b + "/" + c, List.of(values));
    });
    return out;
  }

  @Test
  void aKeyStartsAtZeroAndKeepsItsCountersApartFromKeysThatShareTwoOfItsLongs() {
    KeyedSums sums = new KeyedSums(2);
    sums.add(sums.at(1, 2, 3), 0, 5);
    sums.add(sums.at(1, 2, 3), 1, -1);
    sums.add(sums.at(2, 1, 3), 0, 7);
    sums.set(sums.at(1, 2, 4), 1, 9);
    assertEquals(Map.of("1/2/3", List.of(5L, -1L), "2/1/3", List.of(7L, 0L), "1/2/4", List.of(0L, 9L)),
        contents(sums, 2));
  }

  @Test
  void sumsStayRightAsTheTableGrowsThroughManyKeys() {
    SplittableRandom random = new SplittableRandom(3);
    KeyedSums sums = new KeyedSums(1);
    Map<String, List<Long>> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // Few distinct first longs and many repeats, as a partition's days and sources are.
      long a = random.nextInt(50);
      long b = random.nextInt(2_000);
      long c = 1 + random.nextInt(3);
      long delta = random.nextInt(5) - 2;
      sums.add(sums.at(a, b, c), 0, delta);
      expected.merge(a + "/" + b + "/" + c, List.of(delta), (x, y) -> List.of(x.get(0) + y.get(0)));
    }
    assertEquals(expected, contents(sums, 1));
  }

  @Test
  void zeroInTheThirdLongIsRefusedBecauseItMarksAnEmptySlot() {
    assertThrows(IllegalArgumentException.class, () -> new KeyedSums(1).at(1, 2, 0));
  }
}
