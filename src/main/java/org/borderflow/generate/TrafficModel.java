package org.borderflow.generate;

import static org.borderflow.generate.Keyed.key;
import static org.borderflow.generate.Keyed.roundRandomly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.borderflow.sample.Direction;

/**
 * How many people of each citizenship cross each reporting country's border on each day, and who they are, as a
 * pure function of the seed: the plan behind the generated landing zone.
 *
 * <p>Travellers are grouped into trips that share a key, and the key alone decides how many travellers the group
 * has and who they are:
 * <ul>
 *   <li><b>visitors</b> come and go: a group entered on day {@code e} and stays {@code s} days (1 to
 *       {@value #MAX_STAY}), so its exits on day {@code d} are recomputed from the key of {@code (d - s, s)};</li>
 *   <li><b>stayers</b> enter and do not leave within the data;</li>
 *   <li><b>commuters</b> (border residents, drivers) cross again and again: a group enters every {@code p} days,
 *       on days congruent to its phase, and leaves {@code t} days later, with the same travellers every time.</li>
 * </ul>
 * A country's own citizens make the same trips the other way round: they leave first and come back, and its
 * "stayers" are emigrants. Trips that began before the first day show only their exits, so the data starts in the
 * middle of the traffic, as a real extract does. From the middle day (the shock), citizens of {@link #SHOCK_ORIGIN}
 * enter several destinations in far greater numbers for about four weeks, and more of them stay.
 *
 * <p>Nothing is stored per traveller or per event: memory depends on the number of days, never on the number of
 * events. {@link #calibrate(long)} scales the plan so that the event countries' events over the period add up to
 * exactly the requested number.
 */
final class TrafficModel {

  static final int MAX_STAY = 60;
  static final String SHOCK_ORIGIN = "RU";
  /** Destinations of the shock and the extra entries at its height, relative to the usual entries of its origin. */
  static final Map<String, Double> SHOCK_AMPLITUDE = Map.of(
      "FI", 1.2, "NO", 0.6, "GE", 4.0, "AM", 3.0, "KZ", 5.0, "MN", 3.0, "TR", 1.0, "KG", 2.0, "UZ", 1.5);
  /** Days from the shock to the end of the extra entries: three days to build up, a week at full height, decay. */
  static final int SHOCK_DAYS = 28;

  /** Receives the crossings of one trip key on one day. */
  interface Crossings {
    void cross(long tripKey, long travellers, Direction direction, boolean shock);
  }

  private static final int VISITOR = 1;
  private static final int SHOCK_VISITOR = 2;
  private static final int STAYER = 3;
  private static final int SHOCK_STAYER = 4;
  private static final int COMMUTER = 5;
  private static final int KINDS = 6;

  private static final double STAYER_SHARE = 0.04;
  private static final double SHOCK_STAYER_SHARE = 0.55;
  private static final double DAILY_NOISE = 0.06;
  private static final double[] WEEKDAY = {0.92, 0.88, 0.90, 0.97, 1.15, 1.10, 1.08};
  /** Commuter groups: a crossing every {@code period} days, back {@code away} days later; weight of the group. */
  private static final int[] PERIOD = {2, 3, 4, 7, 7, 14, 14};
  private static final int[] AWAY = {1, 1, 2, 2, 5, 3, 10};
  private static final double[] COMMUTER_WEIGHT = {0.10, 0.15, 0.15, 0.25, 0.15, 0.10, 0.10};

  private final long seed;
  private final LocalDate firstDay;
  private final int days;
  private final int shockDay;
  private final int origin = Geography.citizenship(SHOCK_ORIGIN);
  /** Usual crossings a day per country and citizenship, before scaling; the event countries sum to 1. */
  private final double[][] base;
  private final double[][] commuterShare;
  /** Weekday, season and day-to-day noise, by country, citizenship and day + MAX_STAY. */
  private final double[][][] dayFactor;
  private final double[] shockAmplitude;
  private final double[] stay = stayDistribution(new int[] {1, 5, 15, 61}, new double[] {0.40, 0.35, 0.25});
  private final double[] shockStay = stayDistribution(new int[] {3, 15, 61}, new double[] {0.30, 0.70});
  /** Stayers added or removed by {@link #calibrate(long)} to meet the total exactly, by country, citizenship, day. */
  private final int[][][] stayerAdjustment;
  private double scale = 1;

  TrafficModel(long seed, LocalDate firstDay, int days) {
    this(seed, firstDay, days, days / 2, 1);
  }

  /**
   * A plan whose shock falls on day {@code shockDay} with {@code shockScale} times the usual extra arrivals: the
   * coverage benchmark's scenarios put years of ordinary traffic before the shock and vary its size.
   */
  TrafficModel(long seed, LocalDate firstDay, int days, int shockDay, double shockScale) {
    if (days < 7) {
      throw new IllegalArgumentException("at least 7 days are needed, got " + days);
    }
    this.seed = seed;
    this.firstDay = firstDay;
    this.days = days;
    this.shockDay = shockDay;
    int countries = Geography.COUNTRIES.size();
    int citizenships = Geography.CITIZENSHIPS.size();
    double eventVolume = 0;
    for (int c = 0; c < countries; c++) {
      eventVolume += Geography.writesEvents(c) ? Geography.COUNTRIES.get(c).volume() : 0;
    }
    base = new double[countries][];
    commuterShare = new double[countries][citizenships];
    dayFactor = new double[countries][citizenships][days + MAX_STAY];
    shockAmplitude = new double[countries];
    stayerAdjustment = new int[countries][citizenships][days];
    for (int c = 0; c < countries; c++) {
      Geography.Country country = Geography.COUNTRIES.get(c);
      base[c] = Geography.citizenshipShares(c);
      shockAmplitude[c] = SHOCK_AMPLITUDE.getOrDefault(country.code(), 0.0) * shockScale;
      for (int z = 0; z < citizenships; z++) {
        base[c][z] *= country.volume() / eventVolume;
        String citizenship = Geography.CITIZENSHIPS.get(z);
        commuterShare[c][z] = citizenship.equals(country.code()) ? 0.25
            : country.neighbours().contains(citizenship) ? 0.35 : 0.03;
        for (int d = -MAX_STAY; d < days; d++) {
          dayFactor[c][z][d + MAX_STAY] = dayFactor(c, z, d);
        }
      }
    }
  }

  LocalDate firstDay() {
    return firstDay;
  }

  int days() {
    return days;
  }

  LocalDate day(int d) {
    return firstDay.plusDays(d);
  }

  LocalDate shockDate() {
    return day(shockDay);
  }

  /**
   * Scales the plan so that the event countries have exactly {@code events} crossings over the period: the scale
   * is found in a few proportional steps, and the few hundred crossings that rounding leaves over are met by adding
   * or removing stayers, one per country, citizenship and day, the busiest first.
   */
  void calibrate(long events) {
    for (int step = 0; step < 3; step++) {
      scale *= events / (double) Math.max(1, eventCrossings());
    }
    long missing = events - eventCrossings();
    List<int[]> cells = new ArrayList<>();
    for (int c = 0; c < base.length; c++) {
      for (int z = 0; z < base[c].length && Geography.writesEvents(c); z++) {
        for (int d = 0; d < days; d++) {
          cells.add(new int[] {c, z, d});
        }
      }
    }
    cells.sort(Comparator.comparingDouble((int[] cell) -> -entryRate(cell[0], cell[1], cell[2])));
    long step = Long.signum(missing);
    while (missing != 0) {
      long before = missing;
      for (int i = 0; i < cells.size() && missing != 0; i++) {
        int[] cell = cells.get(i);
        if (step > 0 || stayers(cell[0], cell[1], cell[2], STAYER) > 0) {
          stayerAdjustment[cell[0]][cell[1]][cell[2]] += (int) step;
          missing -= step;
        }
      }
      if (missing == before) {
        throw new IllegalStateException("cannot meet " + events + " events exactly: too few to spread over "
            + cells.size() + " country-citizenship-days; ask for more events");
      }
    }
  }

  /**
   * Sets the volume directly, about the event countries' crossings a day, without {@link #calibrate(long)}: a
   * scenario needs realistic volumes, not an exact total, and calibrating years of days costs seconds.
   */
  void scaleTo(double crossingsPerDay) {
    scale = crossingsPerDay;
  }

  /**
   * The known truth of an estimate: citizens of the shock's origin who entered {@code country} because of the shock
   * on days {@code from} to {@code to} (inclusive) and had not left by the end of day {@code to}. Shock arrivals
   * begin on the shock day, so every shock departure in the period is of an arrival in it.
   */
  long shockArrivalsStillPresent(int country, int from, int to) {
    long[] present = new long[1];
    for (int d = Math.max(0, from); d <= to && d < days; d++) {
      crossings(country, origin, d, (key, travellers, direction, shock) -> {
        if (shock) {
          present[0] += direction == Direction.ENTRY ? travellers : -travellers;
        }
      });
    }
    return present[0];
  }

  /** Crossings of the event countries over the whole period, as the plan stands. */
  long eventCrossings() {
    long[] total = new long[1];
    Crossings counter = (key, travellers, direction, shock) -> total[0] += travellers;
    for (int c = 0; c < base.length; c++) {
      for (int z = 0; z < base[c].length && Geography.writesEvents(c); z++) {
        for (int d = 0; d < days; d++) {
          crossings(c, z, d, counter);
        }
      }
    }
    return total[0];
  }

  /** Entries and exits of one country, citizenship and day, as {@code [entries, exits]}. */
  long[] entriesAndExits(int country, int citizenship, int day) {
    long[] counts = new long[2];
    crossings(country, citizenship, day, (key, travellers, direction, shock) -> counts[direction.ordinal()] += travellers);
    return counts;
  }

  /** Every crossing of one country, citizenship and day ({@code 0 <= day < days}), trip key by trip key. */
  void crossings(int country, int citizenship, int day, Crossings out) {
    boolean home = Geography.CITIZENSHIPS.get(citizenship).equals(Geography.COUNTRIES.get(country).code());
    Direction outbound = home ? Direction.EXIT : Direction.ENTRY;
    Direction back = home ? Direction.ENTRY : Direction.EXIT;
    long[] kindKeys = new long[KINDS];
    for (int kind = 1; kind < KINDS; kind++) {
      kindKeys[kind] = key(key(key(seed, kind), country), citizenship);
    }
    for (int s = 1; s <= MAX_STAY; s++) {
      long arriving = key(key(kindKeys[VISITOR], day), s);
      out.cross(arriving, visitors(country, citizenship, day, s, arriving), outbound, false);
      long leaving = key(key(kindKeys[VISITOR], day - s), s);
      out.cross(leaving, visitors(country, citizenship, day - s, s, leaving), back, false);
      if (citizenship == origin && shockAmplitude[country] > 0) {
        long arrivingShock = key(key(kindKeys[SHOCK_VISITOR], day), s);
        out.cross(arrivingShock, shockVisitors(country, day, s, arrivingShock), outbound, true);
        long leavingShock = key(key(kindKeys[SHOCK_VISITOR], day - s), s);
        out.cross(leavingShock, shockVisitors(country, day - s, s, leavingShock), back, true);
      }
    }
    out.cross(key(kindKeys[STAYER], day), stayers(country, citizenship, day, STAYER), outbound, false);
    if (citizenship == origin && shockAmplitude[country] > 0) {
      out.cross(key(kindKeys[SHOCK_STAYER], day), stayers(country, citizenship, day, SHOCK_STAYER), outbound, true);
    }
    for (int g = 0; g < PERIOD.length; g++) {
      long group = key(kindKeys[COMMUTER], g);
      long arriving = key(group, Math.floorMod(day, PERIOD[g]));
      out.cross(arriving, commuters(country, citizenship, g, arriving), outbound, false);
      long leaving = key(group, Math.floorMod(day - AWAY[g], PERIOD[g]));
      out.cross(leaving, commuters(country, citizenship, g, leaving), back, false);
    }
  }

  /** Usual first crossings (arrivals, or departures of the country's own citizens) expected on a day. */
  private double entryRate(int country, int citizenship, int day) {
    double trips = base[country][citizenship] * (1 - commuterShare[country][citizenship]) / (2 - STAYER_SHARE);
    return scale * trips * dayFactor[country][citizenship][day + MAX_STAY];
  }

  /** Extra arrivals of the shock's origin expected on a day. */
  private double shockRate(int country, int day) {
    int since = day - shockDay;
    if (since < 0 || since >= SHOCK_DAYS) {
      return 0;
    }
    double height = since < 3 ? (since + 1) / 3.0 : since < 10 ? 1 : 1 - (since - 9) / (double) (SHOCK_DAYS - 9);
    return entryRate(country, origin, day) * shockAmplitude[country] * height;
  }

  private long visitors(int country, int citizenship, int entryDay, int stay, long key) {
    return roundRandomly(entryRate(country, citizenship, entryDay) * (1 - STAYER_SHARE) * this.stay[stay], key);
  }

  private long shockVisitors(int country, int entryDay, int stay, long key) {
    return roundRandomly(shockRate(country, entryDay) * (1 - SHOCK_STAYER_SHARE) * shockStay[stay], key);
  }

  private long stayers(int country, int citizenship, int day, int kind) {
    long key = key(key(key(key(seed, kind), country), citizenship), day);
    if (kind == SHOCK_STAYER) {
      return roundRandomly(shockRate(country, day) * SHOCK_STAYER_SHARE, key);
    }
    return roundRandomly(entryRate(country, citizenship, day) * STAYER_SHARE, key)
        + stayerAdjustment[country][citizenship][day];
  }

  /** Travellers of one commuter group and phase: each crosses twice every period, so half the group's daily rate. */
  private long commuters(int country, int citizenship, int group, long key) {
    double crossings = scale * base[country][citizenship] * commuterShare[country][citizenship]
        * COMMUTER_WEIGHT[group];
    return roundRandomly(crossings / 2, key);
  }

  private double dayFactor(int country, int citizenship, int day) {
    LocalDate date = day(day);
    double season = 1 + 0.12 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 200) / 365.25);
    double noise = Math.exp(DAILY_NOISE * Keyed.gaussian(key(key(key(seed, country), citizenship), day))
        - DAILY_NOISE * DAILY_NOISE / 2);
    return WEEKDAY[date.getDayOfWeek().getValue() - 1] * season * noise;
  }

  /**
   * Probabilities of a stay of 1 to {@value #MAX_STAY} days (index = days), uniform within bands:
   * {@code weights[i]} spread over {@code [bounds[i], bounds[i + 1])}.
   */
  private static double[] stayDistribution(int[] bounds, double[] weights) {
    double[] p = new double[MAX_STAY + 1];
    for (int band = 0; band < weights.length; band++) {
      for (int s = bounds[band]; s < bounds[band + 1]; s++) {
        p[s] = weights[band] / (bounds[band + 1] - bounds[band]);
      }
    }
    return p;
  }
}
