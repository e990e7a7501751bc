package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.shiftrightunsigned;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What the incremental state keeps of the events, bounded by a horizon (README, "Incremental runs"). The horizon
 * starts on a Monday, so a week is either wholly inside it or wholly before it. A new event dated inside the
 * horizon changes a traveller's person-level figures only through the traveller's crossings inside it, and
 * through one crossing before it: the last, when it is an ENTRY (its successor decides the week the presence
 * ends). So the state holds every accepted event dated inside the horizon ({@link #kept}), one carry per traveller
 * present at its start ({@link #carries}), and of the older events only a fingerprint of the id with the file
 * that delivered it ({@link #fingerprints}), for the duplicate search. An increment whose new events reach before
 * the horizon is a late delivery, and the run recomputes everything.
 */
public final class EventHorizon {

  /** An id's fingerprint: its 64-bit hash without the lowest {@value #FINGERPRINT_SHIFT} bits. */
  public static final String FINGERPRINT = "_fp";
  static final int FINGERPRINT_SHIFT = 24;
  /** The columns of a state event: a compact event and the ledger index of its file. */
  public static final List<String> COLUMNS = columns();

  private EventHorizon() {}

  private static List<String> columns() {
    List<String> c = new ArrayList<>(Arrays.asList(ByTraveller.COMPACT));
    c.add(EventState.FILE);
    return List.copyOf(c);
  }

  /** The first day (local epoch day) of the horizon of {@code days} days before {@code lastDay}: its Monday. */
  public static int start(LocalDate lastDay, int days) {
    return ByTraveller.weekStart((int) lastDay.minusDays(days).toEpochDay());
  }

  /** The local epoch day of a compact event. */
  static Column day() {
    return shiftright(col(TravellerWalk.DAY_PRIORITY), 32).cast(DataTypes.IntegerType);
  }

  /** The accepted events of {@code events} (compact, with their file) dated on or after {@code horizonDay}. */
  public static Dataset<Row> kept(Dataset<Row> events, int horizonDay) {
    return events.where(ByTraveller.accepted().and(day().geq(lit(horizonDay)))).select(stateColumns());
  }

  /** The accepted events dated before {@code horizonDay}: what a carry is chosen from. */
  public static Dataset<Row> beforeHorizon(Dataset<Row> events, int horizonDay) {
    return events.where(ByTraveller.accepted().and(day().lt(lit(horizonDay)))).select(stateColumns());
  }

  /**
   * The carries a pass with a horizon ({@link ByTraveller.Setup#withHorizon}) emitted, as state events: a
   * traveller's last accepted crossing before the horizon, when it is an ENTRY.
   */
  public static Dataset<Row> carries(Dataset<Row> pass) {
    // Null where a later walk reads nothing of a carry (TravellerWalk#carry says why).
    return ByTraveller.ofKind(pass, ByTraveller.Kind.CARRY).select(
        col(ByTraveller.TRAVELLER_KEY).as(TravellerWalk.K1), col(TravellerWalk.K2), col(TravellerWalk.PLACE),
        col(TravellerWalk.SOURCE_FLAGS), col(TravellerWalk.DAY_PRIORITY),
        lit(null).cast(DataTypes.StringType).as("crossing_point"),
        lit(null).cast(DataTypes.IntegerType).as("birth_year"),
        lit(null).cast(DataTypes.StringType).as(RawReader.INPUT_FILE),
        lit(null).cast(DataTypes.StringType).as(RowValidation.REASON),
        lit(null).cast(DataTypes.StringType).as(Ingest.RECORD),
        lit(null).cast(DataTypes.LongType).as(TravellerWalk.INSTANT),
        lit(null).cast(DataTypes.LongType).as(TravellerWalk.ID), col(EventState.FILE));
  }

  /**
   * What the state keeps of {@code events} for the horizon starting on {@code horizonDay}: the accepted events
   * inside it, and the carries that {@code pass}, a pass with that horizon, emitted.
   */
  public static Dataset<Row> state(Dataset<Row> events, Dataset<Row> pass, int horizonDay) {
    return kept(events, horizonDay).unionByName(carries(pass));
  }

  /**
   * The id fingerprints of the accepted events dated from {@code fromDay} up to, not including, {@code toDay},
   * with the file that delivered each, sorted within each partition so that the fingerprints of one file are
   * close together and their differences small (Parquet's delta encoding stores a few bytes each). The events of
   * one file come in few partitions, so no exchange is needed for that.
   */
  public static Dataset<Row> fingerprints(Dataset<Row> events, int fromDay, int toDay) {
    return events.where(ByTraveller.accepted().and(day().geq(lit(fromDay))).and(day().lt(lit(toDay))))
        .select(fingerprint(col(TravellerWalk.ID)).as(FINGERPRINT), col(EventState.FILE))
        .sortWithinPartitions(EventState.FILE, FINGERPRINT);
  }

  /**
   * The fingerprint of an id hash: 40 bits. Among n earlier events a new id matches one by chance with a
   * probability of n / 2^40 (1 in 22,000 at 50 million); a match only makes the run read that earlier file and
   * compare the ids exactly, as a repeated id does.
   */
  public static Column fingerprint(Column idHash) {
    return shiftrightunsigned(idHash, FINGERPRINT_SHIFT);
  }

  private static Column[] stateColumns() {
    return COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
  }
}
