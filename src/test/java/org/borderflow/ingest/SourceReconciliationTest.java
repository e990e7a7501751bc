package org.borderflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;

class SourceReconciliationTest extends SparkTestBase {

  static final StructType DAILY = new StructType()
      .add("source", DataTypes.StringType).add("priority", DataTypes.IntegerType)
      .add("date", DataTypes.DateType).add("reporting_country", DataTypes.StringType)
      .add("crossing_point", DataTypes.StringType).add("border_type", DataTypes.StringType)
      .add("citizenship", DataTypes.StringType).add("direction", DataTypes.StringType)
      .add("crossings", DataTypes.LongType);

  @Test
  void theHighestPrioritySourceOfAUnitIsCountedAndTheOthersAreReconciledAgainstIt() {
    Dataset<Row> daily = df(DAILY,
        row("fi_border_guard", 200, date("2022-09-20"), "FI", "P1", "LAND", "RU", "ENTRY", 400L),
        row("fi_border_guard", 200, date("2022-09-20"), "FI", "P2", "LAND", "RU", "ENTRY", 600L),
        row("frontex", 300, date("2022-09-20"), "FI", null, null, "RU", "ENTRY", 1100L),
        row("frontex", 300, date("2022-09-20"), "FI", null, null, "RU", "EXIT", 700L),
        // A unit only Frontex covers: counted, nothing to reconcile.
        row("frontex", 300, date("2022-09-20"), "EE", null, null, "RU", "ENTRY", 50L),
        // Equal priorities: the source name decides, so the choice never depends on row order.
        row("b_source", 100, date("2022-09-21"), "GE", null, null, "RU", "ENTRY", 10L),
        row("a_source", 100, date("2022-09-21"), "GE", null, null, "RU", "ENTRY", 12L));
    Dataset<Row> marked = SourcePrecedence.mark(daily);
    assertEquals(lines("[fi_border_guard,P1,true]", "[fi_border_guard,P2,true]", "[frontex,null,false]",
            "[frontex,null,false]", "[frontex,null,true]", "[b_source,null,false]", "[a_source,null,true]"),
        sorted(marked.select("source", "crossing_point", SourcePrecedence.COUNTED)));
    assertEquals(lines(
            "[FI,2022-09-20,RU,ENTRY,fi_border_guard,1000,frontex,1100,100]",
            "[FI,2022-09-20,RU,EXIT,fi_border_guard,0,frontex,700,700]",
            "[GE,2022-09-21,RU,ENTRY,a_source,12,b_source,10,-2]"),
        sorted(SourceReconciliation.build(marked)));
  }
}
