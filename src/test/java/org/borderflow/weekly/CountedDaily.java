package org.borderflow.weekly;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Daily rows as precedence counts them: the input of crossings_daily, for tests in any package. */
public final class CountedDaily {

  public static final StructType SCHEMA = new StructType()
      .add("source", DataTypes.StringType).add("date", DataTypes.DateType)
      .add("reporting_country", DataTypes.StringType).add("crossing_point", DataTypes.StringType)
      .add("border_type", DataTypes.StringType).add("citizenship", DataTypes.StringType)
      .add("direction", DataTypes.StringType).add("crossings", DataTypes.LongType)
      .add("persons", DataTypes.LongType);

  private CountedDaily() {}
}
