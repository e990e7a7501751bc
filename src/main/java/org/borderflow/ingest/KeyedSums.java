package org.borderflow.ingest;

/**
 * Long counters under keys of three longs, in open addressing over one array that holds each key beside its
 * counters. The walk's day map holds hundreds of thousands of keys per partition; as a {@code HashMap} of records
 * every lookup chased the table, a node, the key and its string into memory no cache held (a tenth of the CPU
 * samples of a 10M run), where here it reads one slot of a few adjacent longs.
 *
 * <p>A key's third long is never 0: 0 there marks an empty slot.
 */
final class KeyedSums {

  /** What a caller does with every key and the position of its counters. */
  interface Visitor {
    void visit(long a, long b, long c, int at);
  }

  private static final int KEY = 3;
  private final int stride;
  private long[] slots;
  private int size;

  /** {@code counters}: how many longs each key sums. */
  KeyedSums(int counters) {
    this.stride = KEY + counters;
    this.slots = new long[stride << 10];
  }

  /**
   * The position of the counters of the key, which starts them at 0 when it is new; valid until the next call
   * of this method, which may move every slot.
   */
  int at(long a, long b, long c) {
    if (c == 0) {
      throw new IllegalArgumentException("the third long of a key must not be 0");
    }
    int capacity = slots.length / stride;
    int i = slot(a, b, c, capacity);
    while (slots[i + 2] != 0) {
      if (slots[i + 2] == c && slots[i] == a && slots[i + 1] == b) {
        return i + KEY;
      }
      i = next(i, capacity);
    }
    slots[i] = a;
    slots[i + 1] = b;
    slots[i + 2] = c;
    if (++size * 2 > capacity) {
      grow();
      return at(a, b, c);
    }
    return i + KEY;
  }

  void add(int at, int counter, long delta) {
    slots[at + counter] += delta;
  }

  long get(int at, int counter) {
    return slots[at + counter];
  }

  void set(int at, int counter, long value) {
    slots[at + counter] = value;
  }

  void forEach(Visitor visitor) {
    for (int i = 0; i < slots.length; i += stride) {
      if (slots[i + 2] != 0) {
        visitor.visit(slots[i], slots[i + 1], slots[i + 2], i + KEY);
      }
    }
  }

  private int slot(long a, long b, long c, int capacity) {
    long h = mix(mix(mix(a, 0x9E3779B97F4A7C15L), b), c);
    return (int) ((h ^ (h >>> 32)) & (capacity - 1)) * stride;
  }

  private int next(int i, int capacity) {
    int j = i + stride;
    return j == capacity * stride ? 0 : j;
  }

  /** The 64-bit finaliser of MurmurHash3 over {@code hash ^ value}. */
  private static long mix(long hash, long value) {
    long h = (hash ^ value) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int capacity = slots.length / stride;
    for (int i = 0; i < old.length; i += stride) {
      if (old[i + 2] != 0) {
        int j = slot(old[i], old[i + 1], old[i + 2], capacity);
        while (slots[j + 2] != 0) {
          j = next(j, capacity);
        }
        System.arraycopy(old, i, slots, j, stride);
      }
    }
  }
}
