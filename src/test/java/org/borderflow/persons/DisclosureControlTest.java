package org.borderflow.persons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.SparkTestBase;
import org.borderflow.weekly.CountedDaily;
import org.borderflow.weekly.CrossingsDaily;
import org.junit.jupiter.api.Test;

class DisclosureControlTest extends SparkTestBase {

  static final StructType COUNTS = new StructType()
      .add("cell", DataTypes.StringType).add("a", DataTypes.LongType).add("b", DataTypes.LongType);

  @Test
  void countsBelowKAreNulledCellByCellAndTheFlagSaysSo() {
    Dataset<Row> cells = df(COUNTS,
        row("both published", 10L, 250L),
        row("one small", 9L, 250L),
        row("zero is below k too", 0L, 12L),
        row("no data is not suppressed", null, null));
    assertEquals(lines(
            "[both published,10,250,false]",
            "[one small,null,250,true]",
            "[zero is below k too,null,12,true]",
            "[no data is not suppressed,null,null,false]"),
        sorted(DisclosureControl.suppressCells(cells, 10, "suppressed", "a", "b")));
  }

  @Test
  void crossingsDailyPublishesPersonsOfTenOrMoreOnly() {
    Dataset<Row> daily = CrossingsDaily.build(df(CountedDaily.SCHEMA,
        row("ge", date("2022-09-25"), "GE", "P1", "LAND", "RU", "ENTRY", 40L, 31L),
        row("ge", date("2022-09-25"), "GE", "P1", "LAND", "DE", "ENTRY", 4L, 3L),
        row("fx", date("2022-09-25"), "FI", null, null, "RU", "ENTRY", 5L, null)), 10);
    assertEquals(lines(
            "[2022-09-25,2022,38,2022-09-19,GE,P1,LAND,RU,ENTRY,40,ge,31,false]",
            "[2022-09-25,2022,38,2022-09-19,GE,P1,LAND,DE,ENTRY,4,ge,null,true]",
            "[2022-09-25,2022,38,2022-09-19,FI,null,null,RU,ENTRY,5,fx,null,false]"),
        sorted(daily));
  }
}
