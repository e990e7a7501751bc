package org.borderflow.generate.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.weekofyear;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.borderflow.config.ConfigLoader;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;
import org.borderflow.ingest.SourceKind;
import org.borderflow.jobs.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor for the pipeline in the benchmark: the least a Spark job can do to get weekly entries and exits per
 * reporting country and citizenship out of the crossing events, and nothing else (no validation, no duplicates, no
 * precedence, no daily counts, no staging). It reads every event file with the canonical schema, takes the local
 * date in the reporting country's zone, groups by ISO week and writes the result as Parquet.
 *
 * <p>Session and configuration are the pipeline's own ({@link SparkSessions}, the same defaults, {@code --conf} and
 * {@code --set}), so master and shuffle partitions are the same as in the run it is compared with.
 */
@Command(name = "plain-spark-weekly", mixinStandardHelpOptions = true,
    description = "Weekly entries and exits per reporting country and citizenship from crossing events, plain Spark.")
public final class PlainSparkWeekly implements Callable<Integer> {

  @Option(names = "--raw", required = true, paramLabel = "DIR", description = "Landing zone root.")
  String raw;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the weekly Parquet.")
  String out;

  @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file, as for the pipeline.")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Configuration override, as for the pipeline.")
  List<String> overrides = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlainSparkWeekly()).execute(args));
  }

  @Override
  public Integer call() {
    PipelineSettings settings = PipelineSettings.from(ConfigLoader.load(conf, overrides));
    long began = System.nanoTime();
    SparkSession spark = SparkSessions.create("borderflow-plain-spark-weekly", settings);
    try {
      Dataset<Row> weekly = weekly(spark, raw, CountryTable.load(settings.countriesFile()));
      weekly.write().mode("overwrite").parquet(out);
      System.out.printf("plain-spark-weekly: wrote %s in %.1f s (master %s, %s shuffle partitions)%n", out,
          (System.nanoTime() - began) / 1e9, spark.sparkContext().master(),
          spark.conf().get("spark.sql.shuffle.partitions"));
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Entries and exits per reporting country, citizenship and ISO week of the local date. */
  public static Dataset<Row> weekly(SparkSession spark, String raw, CountryTable countries) {
    Dataset<Row> events = spark.read()
        .schema(SourceKind.CROSSING_EVENTS.schema())
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.parquet")
        .parquet(raw + "/" + SourceKind.CROSSING_EVENTS.folder());
    List<Row> zoneRows = new ArrayList<>();
    countries.zoneByAlpha2().forEach((country, zone) -> zoneRows.add(RowFactory.create(country, zone)));
    Dataset<Row> zones = spark.createDataFrame(zoneRows, new StructType()
        .add("reporting_country", DataTypes.StringType)
        .add("zone", DataTypes.StringType));
    return events
        .join(broadcast(zones), "reporting_country")
        .withColumn("date", to_date(from_utc_timestamp(col("event_time"), col("zone"))))
        .groupBy(col("reporting_country"), col("citizenship"),
            expr("extract(YEAROFWEEK FROM date)").cast("int").as("iso_year"),
            weekofyear(col("date")).as("iso_week"))
        .agg(count_if(col("direction").equalTo("ENTRY")).as("entries"),
            count_if(col("direction").equalTo("EXIT")).as("exits"));
  }
}
