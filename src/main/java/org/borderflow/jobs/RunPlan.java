package org.borderflow.jobs;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;
import org.borderflow.ingest.InputFile;
import org.borderflow.ingest.SourceFiles;

/**
 * What a run would do, from the configuration and the files' footers alone: no Spark session, no data read,
 * nothing written. Every file-level check of a real run happens here too, so a dry run fails where a run would.
 */
final class RunPlan {

  private RunPlan() {}

  static void print(PipelineRun.Parameters parameters, PipelineSettings settings, String effectiveConfig,
                    PrintStream out) {
    CountryTable countries = CountryTable.load(settings.countriesFile());
    IncrementalState.Meta meta = parameters.incremental() ? state(parameters) : null;
    String configuration = IncrementalState.fingerprint(effectiveConfig);
    // As the run itself: the files a usable state consumed, unchanged in the listing, keep its footer facts.
    List<SourceFiles> sources = Sources.discover(parameters.raw(), new Configuration(), settings, countries,
        parameters.incremental() ? IncrementalState.known(meta, Borderflow.codeVersion(), configuration,
            parameters.asOf(), parameters.rebuildState()) : java.util.Map.of());
    out.println("Borderflow dry run: nothing is read beyond file footers, nothing is written.");
    out.println("landing zone: " + parameters.raw() + "    as-of: " + parameters.asOf());
    for (SourceFiles s : sources) {
      out.printf("source %s/%s (priority %d, %s): %d files, %d rows%n", s.kind().folder(), s.name(),
          settings.priorityOf(s.name(), s.kind().isEvents()), s.layout().isCanonical() ? "canonical" : "declared",
          s.files().size(), s.rows());
      for (InputFile f : s.files()) {
        out.printf("  %s  %,d bytes  %,d rows  days %s..%s%n", f.path(), f.bytes(), f.rows(), f.firstDay(),
            f.lastDay());
      }
    }
    if (parameters.incremental()) {
      incremental(parameters, meta, sources, configuration, out);
    }
    out.println("weeks affected: " + weeks(parameters, sources));
    out.println("tables to write under " + parameters.out() + ": " + String.join(", ", PipelineRun.TABLES)
        + (parameters.weeks() == null ? " (all replaced)" : " (crossings_daily: only the weeks above; the others "
        + "rebuilt)"));
    out.println("events: " + settings.events().stream().map(e -> e.id() + " " + e.windowStart() + ".."
        + e.windowLastDay()).toList());
    out.println("effective configuration:");
    out.println(effectiveConfig);
  }

  /** What an incremental run would read: the new files, or everything and why. */
  private static IncrementalState.Meta state(PipelineRun.Parameters parameters) {
    try {
      return IncrementalState.read(new org.apache.hadoop.fs.Path(parameters.out()), new Configuration());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the state under " + parameters.out(), e);
    }
  }

  private static void incremental(PipelineRun.Parameters parameters, IncrementalState.Meta meta,
                                  List<SourceFiles> sources, String configuration, PrintStream out) {
    IncrementalState.Decision decision = IncrementalState.decide(meta, sources, Borderflow.codeVersion(),
        configuration, parameters.asOf(), parameters.rebuildState());
    if (!decision.incremental()) {
      out.println("incremental: a FULL recompute of every file above, because " + decision.reason());
      return;
    }
    out.printf("incremental: from state %s, would read %d new files (and the state; a late delivery found in "
        + "them would still make it a full recompute):%n", meta.version(), decision.freshFiles());
    decision.fresh().forEach(s -> s.files().forEach(f -> out.printf("  new  %s/%s  %s  %,d rows%n",
        s.kind().folder(), s.name(), f.path(), f.rows())));
  }

  private static String weeks(PipelineRun.Parameters parameters, List<SourceFiles> sources) {
    if (parameters.weeks() != null) {
      List<LocalDate> mondays = parameters.weeks().mondays();
      return mondays.size() + " ISO weeks starting " + mondays.get(0) + " to " + mondays.get(mondays.size() - 1);
    }
    LocalDate first = sources.stream().flatMap(s -> s.files().stream()).map(InputFile::firstDay)
        .filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
    LocalDate last = sources.stream().flatMap(s -> s.files().stream()).map(InputFile::lastDay)
        .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
    if (first == null) {
      return "unknown (the files carry no statistics); every week in the input";
    }
    WeekRange range = new WeekRange(first, last);
    return "every week in the input, from the file statistics about " + range.mondays().size()
        + " ISO weeks starting " + range.firstMonday() + " to " + range.lastMonday();
  }
}
