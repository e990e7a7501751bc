package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.borderflow.jobs.PipelineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, rejected_records: "No other table and no log line carries traveller ids." A small event source with
 * distinctive traveller and event ids goes through the pipeline with uncompressed Parquet output (so that
 * compression cannot hide a string from a byte search) while every log event of the JVM at INFO and above, and
 * everything printed to stdout and stderr, is captured. Only rejected_records may hold an id, and it must hold
 * the invalid row.
 */
class PrivacyTest extends PublishFixture {

  private static final String INVALID_TRAVELLER = TRAVELLER_PREFIX + "0099";

  @TempDir
  static Path dir;

  @Test
  void travellerIdsAndRawEventsStayOutOfEveryTableButRejectedRecordsAndOutOfTheLog() {
    Path raw = dir.resolve("raw");
    List<Object[]> events = new ArrayList<>(travellerEvents(12));
    events.add(event(99, LocalDate.of(2022, 9, 23), 99, "SIDEWAYS"));
    writeEvents(raw, "fi_border_guard", "2022-10-01", events);
    Path out = dir.resolve("out");

    String log = captureOutput(() -> runPipeline(raw, out, "borderflow.output.compression=none"));
    assertTrue(log.contains("stage publish"), "the capture holds the run's log:\n" + log);

    List<String> leaks = new ArrayList<>();
    Path rejected = out.resolve(PipelineRun.REJECTED_RECORDS);
    for (Path file : filesUnder(out)) {
      if (!file.startsWith(rejected)) {
        leaks.addAll(secretsIn(out.relativize(file).toString(), read(file)));
      }
    }
    leaks.addAll(secretsIn("the log", log));
    assertEquals(List.of(), leaks, "traveller or event ids outside rejected_records");

    List<Row> rows = spark.read().parquet(rejected.toString()).collectAsList();
    assertEquals(1, rows.size(), "rejected_records: the one invalid event");
    String record = rows.get(0).getString(rows.get(0).fieldIndex("record"));
    assertTrue(record.contains(INVALID_TRAVELLER) && record.contains("SIDEWAYS"), record);
    // The byte search does find an id where one is written: it would have found a leak.
    assertTrue(filesUnder(rejected).stream().anyMatch(f -> read(f).contains(INVALID_TRAVELLER)),
        "the byte search finds the id in the uncompressed rejected_records");
  }

  private static List<String> secretsIn(String where, String text) {
    List<String> found = new ArrayList<>();
    for (String prefix : List.of(TRAVELLER_PREFIX, EVENT_PREFIX)) {
      int at = text.indexOf(prefix);
      if (at >= 0) {
        found.add(where + ": ..." + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 40)) + "...");
      }
    }
    return found;
  }

  /** A file's bytes as Latin-1 text: every byte is one char, so a search finds an ASCII id whatever surrounds it. */
  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code run} with every log event at INFO and above (Spark's included, more than the WARN of
   * conf/log4j2.properties) sent to a capture, the console showing only errors meanwhile, and stdout and stderr
   * captured too; returns all of it.
   */
  private static String captureOutput(Runnable run) {
    StringWriter captured = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    Appender capture = WriterAppender.newBuilder().setName("privacy-capture").setTarget(captured)
        .setLayout(PatternLayout.newBuilder().withConfiguration(config).withPattern("%-5p %c: %m%n%ex").build())
        .build();
    capture.start();
    LoggerConfig root = config.getRootLogger();
    Level rootLevel = root.getLevel();
    Map<String, Appender> consoles = Map.copyOf(root.getAppenders());
    consoles.keySet().forEach(root::removeAppender);
    consoles.values().forEach(a -> root.addAppender(a, Level.ERROR, null));
    root.addAppender(capture, null, null);
    root.setLevel(Level.INFO);
    context.updateLoggers();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      run.run();
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      root.removeAppender(capture.getName());
      consoles.keySet().forEach(root::removeAppender);
      consoles.values().forEach(a -> root.addAppender(a, null, null));
      root.setLevel(rootLevel);
      context.updateLoggers();
      capture.stop();
    }
    return captured + printed.toString(StandardCharsets.UTF_8);
  }
}
