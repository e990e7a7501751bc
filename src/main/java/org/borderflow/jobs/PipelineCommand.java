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
import org.borderflow.lineage.Lineage;
import org.borderflow.quality.QualitySettings;
import org.borderflow.report.ReportStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code borderflow pipeline}: parses arguments and configuration, builds the session, runs, stops. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Ingest a landing zone and publish crossings_daily, net_remaining_weekly, exodus_estimates, "
        + "exodus_context and rejected_records, with a run manifest.",
    footer = {"", "Exit status: 0 success, 2 bad arguments or configuration, 3 input that breaks the data contract, "
        + "4 a data-quality finding at or above --fail-on (nothing published), 1 anything else."})
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

  @Option(names = "--incremental",
      description = "Read only the landing-zone files no earlier run consumed, add them to the state the previous "
          + "run published under <out>/_state/, and publish what a full run would, with a new state in the same "
          + "swap. Without a usable state (first run, other configuration or code, a consumed file changed, a late "
          + "delivery) the run is a full one, says why, and writes the state.")
  boolean incremental;

  @Option(names = "--rebuild-state", arity = "0..1", paramLabel = "true|false",
      description = "With --incremental: ignore the state, recompute everything from all files and write a new "
          + "state (the periodic full recompute of a schedule). --rebuild-state=false is the same as leaving it out.")
  boolean rebuildState;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Configuration override, e.g. --set borderflow.spark.shuffle-partitions=16. Repeatable; last wins.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit with status 4, publishing nothing new, when a data-quality finding has this severity or a "
          + "higher one: none, warning or error. Sets borderflow.quality.fail-on (default none).")
  String failOn;

  @Option(names = "--report",
      description = "After publishing, write the report <out>/report/index.html (as the report command does).")
  boolean report;

  @Override
  public Integer call() throws Exception {
    List<String> settingsGiven = new ArrayList<>(overrides);
    if (failOn != null) {
      settingsGiven.add("borderflow.quality.fail-on=\"" + failOn + "\"");
    }
    var config = Lineage.configure(ConfigLoader.load(conf, settingsGiven));
    PipelineSettings settings = PipelineSettings.from(config);
    // Checked here, so that a bad threshold stops the run before Spark starts, like every other key.
    QualitySettings.from(config.getConfig("borderflow"));
    LocalDate runDate = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    if ((from == null) != (to == null)) {
      throw new ConfigurationException("--from and --to go together");
    }
    WeekRange weeks = from == null ? null : new WeekRange(from, to);
    if (incremental && weeks != null) {
      throw new ConfigurationException("--incremental rewrites the weeks its new files change; it does not go with "
          + "--from/--to");
    }
    if (rebuildState && !incremental) {
      throw new ConfigurationException("--rebuild-state goes with --incremental");
    }
    PipelineRun.Parameters parameters = new PipelineRun.Parameters(raw, out, conf == null ? null : conf.toString(),
        runDate, weeks, settingsGiven, incremental, rebuildState);
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
      if (report) {
        ReportStage.write(spark, out);
      }
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
