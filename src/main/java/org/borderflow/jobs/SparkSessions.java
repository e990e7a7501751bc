package org.borderflow.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.borderflow.config.PipelineSettings;

/** Builds the job's session: the master from spark-submit when there is one, UTC always. */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession create(String appName, PipelineSettings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!new SparkConf().contains("spark.master")) {
      builder.master(settings.defaultMaster());
    }
    builder
        // Instants are shown and cast in UTC whatever the machine's zone; local dates come from each reporting
        // country's zone rules (LocalDates), never from the session's.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()))
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        // The progress bar helps a person at a terminal and litters a scheduler's log file.
        .config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    settings.sparkExtra().forEach(builder::config);
    return builder.getOrCreate();
  }
}
