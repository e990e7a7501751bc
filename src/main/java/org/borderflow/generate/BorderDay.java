package org.borderflow.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.borderflow.sample.Direction;

/**
 * The crossings of one reporting country on one local day, as primitive columns: filled trip by trip from the
 * {@link TrafficModel}, given a crossing point and a time of day, then put in time order. The arrays are reused from
 * one day to the next, so a source needs memory for its busiest day only.
 */
final class BorderDay implements TrafficModel.Crossings {

  /** Relative traffic by local hour: roads by day, ferries morning and evening, flights in two banks. */
  private static final double[][] HOURLY = new double[Geography.BORDER_TYPES.length][24];

  static {
    for (int h = 0; h < 24; h++) {
      HOURLY[0][h] = 1 + 6 * bell(h, 13.5, 4.5);
      HOURLY[1][h] = 0.2 + 4 * bell(h, 9, 2) + 4 * bell(h, 18, 2);
      HOURLY[2][h] = 1.5 + 3 * bell(h, 8, 3) + 3 * bell(h, 19, 3);
    }
  }

  private final double[] borderMix;
  /** Crossing points by border type, as indexes into the country's point list. */
  private final int[][] pointsByType;
  private final int[] pointType;

  private SplittableRandom random;
  private int dayLengthSeconds;
  private int currentCitizenship;
  private int size;
  private int[] second = new int[1 << 12];
  private long[] traveller = new long[1 << 12];
  private byte[] citizenship = new byte[1 << 12];
  private byte[] direction = new byte[1 << 12];
  private boolean[] shock = new boolean[1 << 12];
  private byte[] point = new byte[1 << 12];
  private long[] order = new long[0];

  BorderDay(Geography.Country country) {
    this.borderMix = country.borderMix();
    this.pointsByType = new int[Geography.BORDER_TYPES.length][];
    int total = Arrays.stream(country.points()).sum();
    this.pointType = new int[total];
    int next = 0;
    for (int type = 0; type < pointsByType.length; type++) {
      pointsByType[type] = new int[country.points()[type]];
      for (int i = 0; i < pointsByType[type].length; i++) {
        pointsByType[type][i] = next;
        pointType[next++] = type;
      }
    }
  }

  /** Point names of a country, in the order of the point indexes: {@code FI-LAND-1}, {@code FI-AIR-2} ... */
  static String[] pointNames(Geography.Country country) {
    String[] names = new String[Arrays.stream(country.points()).sum()];
    int next = 0;
    for (int type = 0; type < Geography.BORDER_TYPES.length; type++) {
      for (int i = 1; i <= country.points()[type]; i++) {
        names[next++] = country.code() + "-" + Geography.BORDER_TYPES[type] + "-" + i;
      }
    }
    return names;
  }

  /** Starts a new day: {@code dayLengthSeconds} is 23, 24 or 25 hours, {@code random} decides points and times. */
  void start(int dayLengthSeconds, SplittableRandom random) {
    this.dayLengthSeconds = dayLengthSeconds;
    this.random = random;
    this.size = 0;
  }

  /** The citizenship of the crossings that follow. */
  void setCitizenship(int index) {
    this.currentCitizenship = index;
  }

  @Override
  public void cross(long tripKey, long travellers, Direction dir, boolean shocked) {
    for (long i = 0; i < travellers; i++) {
      if (size == second.length) {
        grow();
      }
      int type = Keyed.pick(borderMix, random.nextDouble());
      int[] candidates = pointsByType[type];
      // The first point of each type is the busiest: roughly half, then a third of the rest, and so on.
      int p = Math.min(candidates.length - 1, (int) (-Math.log(1 - random.nextDouble()) / 0.7));
      int secondOfDay = Keyed.pick(HOURLY[type], random.nextDouble()) * 3600 + random.nextInt(3600);
      second[size] = (int) ((long) secondOfDay * dayLengthSeconds / 86_400);
      traveller[size] = Keyed.key(tripKey, i);
      citizenship[size] = (byte) currentCitizenship;
      direction[size] = (byte) dir.ordinal();
      shock[size] = shocked;
      point[size] = (byte) candidates[p];
      size++;
    }
  }

  /** Orders the day's crossings by time; crossings in the same second keep the order in which they were made. */
  void sortByTime() {
    if (order.length < size) {
      order = new long[second.length];
    }
    for (int i = 0; i < size; i++) {
      order[i] = ((long) second[i] << 32) | i;
    }
    Arrays.sort(order, 0, size);
  }

  int size() {
    return size;
  }

  /** Index of the {@code rank}-th crossing in time order, valid after {@link #sortByTime()}. */
  int inTimeOrder(int rank) {
    return (int) order[rank];
  }

  int secondOfDay(int i) {
    return second[i];
  }

  long traveller(int i) {
    return traveller[i];
  }

  int citizenship(int i) {
    return citizenship[i];
  }

  Direction direction(int i) {
    return Direction.values()[direction[i]];
  }

  boolean shock(int i) {
    return shock[i];
  }

  int point(int i) {
    return point[i];
  }

  int borderType(int i) {
    return pointType[point[i]];
  }

  private void grow() {
    int capacity = second.length * 2;
    second = Arrays.copyOf(second, capacity);
    traveller = Arrays.copyOf(traveller, capacity);
    citizenship = Arrays.copyOf(citizenship, capacity);
    direction = Arrays.copyOf(direction, capacity);
    shock = Arrays.copyOf(shock, capacity);
    point = Arrays.copyOf(point, capacity);
  }

  private static double bell(double x, double centre, double width) {
    double z = (x - centre) / width;
    return Math.exp(-z * z);
  }
}
