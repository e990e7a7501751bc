package org.borderflow.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.common.Columns;
import org.borderflow.config.ContextFigures;

/**
 * The exodus_context table (contract section 2.4): each event's all-destination excess_net set against the
 * origin's population, against the men who oppose the event in polls, and the reverse ratio.
 */
public final class ExodusContext {

  public static final String[] COLUMNS = {"event_id", "measure", "value", "reference", "ratio", "note"};

  private ExodusContext() {}

  public static Dataset<Row> build(Dataset<Row> estimates, Map<String, ContextFigures> figures) {
    Dataset<Row> reference = referenceTable(estimates.sparkSession(), figures);
    Dataset<Row> all = estimates.where(col("destination").equalTo(ExodusEstimator.ALL))
        .select(col("event_id"), col("origin"), col("excess_net").as("estimate"));
    Dataset<Row> joined = all.join(reference, "origin");
    Column opposingMen = col("population").multiply(col("opposing_share")).multiply(col("male_share"));
    Dataset<Row> population = joined.select(col("event_id"), lit("share_of_population").as("measure"),
        col("estimate").as("value"), col("population").as("reference"),
        concat(lit("estimated leavers who stayed (excess_net, all destinations) / population of the origin; "),
            col("population_source")).as("note"));
    Dataset<Row> opposing = joined.select(col("event_id"), lit("share_of_opposing_men").as("measure"),
        col("estimate").as("value"), opposingMen.as("reference"),
        concat(lit("excess_net / (population x share opposing x share of men among them); "),
            col("opposing_source"), lit("; "), col("male_source")).as("note"));
    Dataset<Row> times = joined.select(col("event_id"), lit("opposing_men_per_leaver").as("measure"),
        opposingMen.as("value"), col("estimate").as("reference"),
        lit("how many times the opposing men outnumber the estimate").as("note"));
    Dataset<Row> measures = population.unionByName(opposing).unionByName(times)
        .withColumn("ratio", when(col("reference").notEqual(0), col("value").divide(col("reference"))));
    return Columns.select(measures, COLUMNS);
  }

  private static Dataset<Row> referenceTable(SparkSession spark, Map<String, ContextFigures> figures) {
    StructType schema = new StructType()
        .add("origin", DataTypes.StringType, false)
        .add("population", DataTypes.DoubleType, false)
        .add("opposing_share", DataTypes.DoubleType, false)
        .add("male_share", DataTypes.DoubleType, false)
        .add("population_source", DataTypes.StringType, false)
        .add("opposing_source", DataTypes.StringType, false)
        .add("male_source", DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    for (ContextFigures f : figures.values()) {
      rows.add(RowFactory.create(f.origin(), f.population(), f.opposingShare(), f.maleShareOfOpposing(),
          f.populationSource(), f.opposingShareSource(), f.maleShareSource()));
    }
    return spark.createDataFrame(rows, schema);
  }
}
