package org.borderflow.jobs;

import org.borderflow.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the job jar: {@code borderflow pipeline ...} and {@code borderflow report ...}. */
@Command(name = "borderflow", mixinStandardHelpOptions = true, versionProvider = Borderflow.Version.class,
    description = "Border crossing records to weekly net-remaining tables and exodus estimates.",
    subcommands = {PipelineCommand.class, ReportCommand.class})
public final class Borderflow implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status instead of exiting, for tests. */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, with error messages and usage going to {@code err}. */
  public static int execute(java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Borderflow());
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(ExitCodes::of);
    cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
      commandLine.getErr().println("borderflow: " + error.getMessage());
      return ExitCodes.of(error);
    });
    cli.setParameterExceptionHandler((error, args1) -> {
      error.getCommandLine().getErr().println("borderflow: " + error.getMessage());
      error.getCommandLine().usage(error.getCommandLine().getErr());
      return ExitCodes.BAD_ARGUMENTS;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Version from the jar manifest (set by Maven), else "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"borderflow " + codeVersion()};
    }
  }

  static String codeVersion() {
    String version = Borderflow.class.getPackage().getImplementationVersion();
    String commit = System.getProperty("borderflow.git.commit", System.getenv("BORDERFLOW_GIT_COMMIT"));
    return (version == null ? "development" : version) + (commit == null || commit.isBlank() ? "" : " (" + commit + ")");
  }
}
