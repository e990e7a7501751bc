package org.borderflow.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.borderflow.config.ConfigLoader;
import org.borderflow.config.PipelineSettings;
import org.borderflow.jobs.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code borderflow report}: parses arguments, builds the session, writes the report, stops. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write <out>/report/index.html from the published tables and the newest SUCCEEDED run manifest: "
        + "a self-contained page of charts and tables (no network needed to view it).",
    footer = {"", "Exit status: 0 success, 2 bad arguments or configuration, 1 anything else (e.g. nothing "
        + "published under --out)."})
public final class ReportCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Root of the published tables (any Hadoop URI); the report is written under it.")
  String out;

  @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file (HOCON): its Spark settings.")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Configuration override. Repeatable; last wins.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PipelineSettings settings = PipelineSettings.from(ConfigLoader.load(conf, overrides));
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create("borderflow-report", settings);
    try {
      ReportStage.write(spark, out);
      return 0;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
