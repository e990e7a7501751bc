package org.borderflow.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.borderflow.config.ConfigLoader;
import org.borderflow.config.ConfigurationException;
import org.borderflow.config.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code borderflow pipeline}: parses arguments and configuration, builds the session, runs, stops. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Ingest a landing zone and publish crossings_daily, net_remaining_weekly, exodus_estimates, "
        + "exodus_context and rejected_records, with a run manifest.",
    footer = {"", "Exit status: 0 success, 2 bad arguments or configuration, 3 input that breaks the data contract, "
        + "1 anything else."})
public final class PipelineCommand implements Callable<Integer> {

  @Option(names = "--raw", required = true, paramLabel = "DIR",
      description = "Landing zone root (any Hadoop URI): <raw>/daily_counts/<source>/, <raw>/crossing_events/<source>/.")
  String raw;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Root of the published tables.")
  String out;

  @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file (HOCON), layered over the defaults.")
  Path conf;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Logical run date; rows dated after it are rejected. Default: today (UTC).")
  LocalDate asOf;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD",
      description = "With --to: recompute only the ISO weeks these dates touch. Those crossings_daily partitions "
          + "are replaced, every other week's files are left as they are; the small derived tables are rebuilt.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day of the --from range (inclusive).")
  LocalDate to;

  @Option(names = "--dry-run",
      description = "Check the configuration and every input file's footer, print the plan (sources, files, "
          + "weeks affected, tables to write) and stop without starting Spark or writing anything.")
  boolean dryRun;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Configuration override, e.g. --set borderflow.spark.shuffle-partitions=16. Repeatable; last wins.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    var config = ConfigLoader.load(conf, overrides);
    PipelineSettings settings = PipelineSettings.from(config);
    LocalDate runDate = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    if ((from == null) != (to == null)) {
      throw new ConfigurationException("--from and --to go together");
    }
    WeekRange weeks = from == null ? null : new WeekRange(from, to);
    PipelineRun.Parameters parameters = new PipelineRun.Parameters(raw, out, conf == null ? null : conf.toString(),
        runDate, weeks, overrides);
    if (dryRun) {
      RunPlan.print(parameters, settings, ConfigLoader.effectiveJson(config), System.out);
      return ExitCodes.OK;
    }
    // An embedding process (a test, a notebook) may own the session already: only stop what we started.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create("borderflow-pipeline", settings);
    try {
      PipelineRun run = new PipelineRun(spark, settings, ConfigLoader.effectiveJson(config), parameters);
      run.execute();
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
