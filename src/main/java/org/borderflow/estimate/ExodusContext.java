package org.borderflow.estimate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.ContextFigures;

/**
 * The exodus_context table (contract section 2.4): each event's all-destination excess_net set against the
 * origin's population, against the men who oppose the event in polls, and the reverse ratio.
 */
public final class ExodusContext {

  public static final String[] COLUMNS = {"event_id", "measure", "value", "reference", "ratio", "note"};

  private ExodusContext() {}

  public static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("reference", DataTypes.DoubleType, true)
      .add("ratio", DataTypes.DoubleType, true)
      .add("note", DataTypes.StringType, false);

  /**
   * Three measures per event whose origin has reference figures. The estimates' ALL rows (one per event) are
   * collected and the measures computed on the driver: as a join and three selects, these few rows cost several
   * Spark jobs a run.
   */
  public static Dataset<Row> build(Dataset<Row> estimates, Map<String, ContextFigures> figures) {
    List<Row> all = estimates.where(col("destination").equalTo(ExodusEstimator.ALL))
        .select(col("event_id"), col("origin"), col("excess_net")).collectAsList();
    List<Row> rows = new ArrayList<>();
    for (Row a : all) {
      String event = a.getString(0);
      Double estimate = a.isNullAt(2) ? null : a.getDouble(2);
      for (ContextFigures f : figures.values()) {
        if (!f.origin().equals(a.getString(1))) {
          continue;
        }
        double opposingMen = f.population() * f.opposingShare() * f.maleShareOfOpposing();
        rows.add(measure(event, "share_of_population", estimate, f.population(),
            "estimated leavers who stayed (excess_net, all destinations) / population of the origin; "
                + f.populationSource()));
        rows.add(measure(event, "share_of_opposing_men", estimate, opposingMen,
            "excess_net / (population x share opposing x share of men among them); " + f.opposingShareSource()
                + "; " + f.maleShareSource()));
        rows.add(measure(event, "opposing_men_per_leaver", opposingMen, estimate,
            "how many times the opposing men outnumber the estimate"));
      }
    }
    return estimates.sparkSession().createDataFrame(rows, SCHEMA);
  }

  /** A row with {@code ratio = value / reference}, null where either is null or the reference is 0. */
  private static Row measure(String event, String measure, Double value, Double reference, String note) {
    Double ratio = value == null || reference == null || reference == 0 ? null : value / reference;
    return RowFactory.create(event, measure, value, reference, ratio, note);
  }
}
