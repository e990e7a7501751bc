package org.borderflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepeatedLongsTest {

  private static List<Long> repeated(List<Long> values) {
    List<Long> out = new ArrayList<>();
    RepeatedLongs.of(values.iterator()).forEachRemaining(out::add);
    return out;
  }

  @Test
  void aValueSeenTwiceOrMoreIsReportedOnceAndZeroIsAValueLikeAnyOther() {
    assertEquals(List.of(7L, 0L), repeated(List.of(7L, 0L, 1L, 7L, 7L, 0L, -3L)));
    assertEquals(List.of(), repeated(List.of(0L, 1L, 2L)));
  }

  @Test
  void repeatsAreFoundAmongManyDistinctValuesAsTheSetGrows() {
    SplittableRandom random = new SplittableRandom(1);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      values.add(random.nextLong());
    }
    values.add(values.get(5));
    values.add(values.get(299_999));
    assertEquals(List.of(values.get(5), values.get(299_999)), repeated(values));
  }
}
