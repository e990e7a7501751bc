package org.borderflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Where the compact events of a run go for the incremental state: every event row of the files read, as the pass
 * gets it ({@link ByTraveller#COMPACT}), with {@value #FILE}, the index of the file that delivered it in the
 * state's ledger. Written once as Parquet; the pass then reads it back, and the state keeps what
 * {@link EventHorizon} selects of it.
 */
public final class EventState {

  /** The ledger index of the file that delivered an event. */
  public static final String FILE = "_file";

  private final String target;
  private final String compression;
  private final HashMap<String, Integer> index = new HashMap<>();
  private final int horizonDays;
  private final int noEventsDay;
  private int horizonDay;

  /**
   * {@code files}: ledger index by file path, as the landing zone's listing names them; the state's horizon
   * ({@link EventHorizon}) covers {@code horizonDays} days before the last accepted event, from its Monday, and
   * starts no earlier than {@code floorDay} (the previous state's, or {@link ByTraveller#NO_HORIZON} in a full
   * run); {@code noEventsDay} when no event was kept and there is no floor.
   */
  public EventState(String target, String compression, Map<String, Integer> files, int horizonDays, int floorDay,
                    int noEventsDay) {
    this.target = target;
    this.compression = compression;
    this.horizonDays = horizonDays;
    this.horizonDay = floorDay;
    this.noEventsDay = noEventsDay;
    files.forEach((path, i) -> index.put(Ingest.filePath(path), i));
  }

  /** The first day of the state's horizon: known once the events are kept ({@link #keep}). */
  public int horizonDay() {
    return horizonDay == ByTraveller.NO_HORIZON ? noEventsDay : horizonDay;
  }

  /** Where the compact events were written. */
  public String target() {
    return target;
  }

  /** The ledger index of the row's {@code input_file}. */
  Column fileIndex() {
    HashMap<String, Integer> byPath = index;
    return udf((UDF1<String, Integer>) file -> byPath.get(Ingest.filePath(file)), DataTypes.IntegerType)
        .apply(col(RawReader.INPUT_FILE)).as(FILE);
  }

  /**
   * Writes the compact events and returns them as read back from the files written; the horizon then follows
   * the last accepted event's day (a read of one column of what was written).
   */
  Dataset<Row> keep(Dataset<Row> compact) {
    compact.write().mode(SaveMode.Overwrite).option("compression", compression).parquet(target);
    Dataset<Row> written = compact.sparkSession().read().parquet(target);
    Row last = written.where(ByTraveller.accepted()).agg(max(EventHorizon.day())).first();
    if (!last.isNullAt(0)) {
      horizonDay = Math.max(horizonDay, EventHorizon.start(LocalDate.ofEpochDay(last.getInt(0)), horizonDays));
    }
    return written;
  }
}
