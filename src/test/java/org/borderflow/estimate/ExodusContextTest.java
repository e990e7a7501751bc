package org.borderflow.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.config.ContextFigures;
import org.junit.jupiter.api.Test;

class ExodusContextTest extends SparkTestBase {

  @Test
  void anEstimateOf200000IsSmallBesideTheOpposingMen() {
    StructType schema = new StructType().add("event_id", DataTypes.StringType).add("origin", DataTypes.StringType)
        .add("destination", DataTypes.StringType).add("excess_net", DataTypes.DoubleType);
    Dataset<Row> estimates = df(schema, row("ev", "RU", "ALL", 200_000.0), row("ev", "RU", "GE", 120_000.0));
    Map<String, ContextFigures> figures = Map.of("RU",
        new ContextFigures("RU", 144_000_000, "pop source", 0.23, "poll source", 0.5, "men source"));
    Map<String, Row> byMeasure = new HashMap<>();
    for (Row r : ExodusContext.build(estimates, figures).collectAsList()) {
      byMeasure.put(r.getString(1), r);
    }
    assertEquals(3, byMeasure.size());
    assertEquals(0.0014, byMeasure.get("share_of_population").getDouble(4), 0.00005, "0.14% of the population");
    assertEquals(0.012, byMeasure.get("share_of_opposing_men").getDouble(4), 0.0005, "1.2% of opposing men");
    assertEquals(16_560_000, byMeasure.get("share_of_opposing_men").getDouble(3), 1e-6);
    assertEquals(83, byMeasure.get("opposing_men_per_leaver").getDouble(4), 0.5, "about 83 times");
  }
}
