package org.borderflow.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.borderflow.SparkTestBase;
import org.borderflow.config.ConfigLoader;
import org.borderflow.jobs.PipelineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage switched on through configuration: a pipeline run in its own JVM (the listener is registered when a
 * SparkContext starts, and this JVM's shared session has long started) writes OpenLineage events to a file, and
 * they name the landing-zone files and every published table at its published path.
 */
class LineageTest extends SparkTestBase {

  static final Path PROJECT = Path.of(System.getProperty("borderflow.project.dir", ".")).toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void offByDefaultAndOnlyTheListenerSettingsWhenOn() {
    assertEquals(Map.of(), Lineage.sparkSettings(ConfigLoader.load(null, List.of()).getConfig("borderflow")));
    var on = Lineage.configure(ConfigLoader.load(null, List.of("borderflow.lineage.enabled=true",
        "borderflow.lineage.file-location=/tmp/events.jsonl",
        "borderflow.spark.extra.\"spark.extraListeners\"=com.example.Mine")));
    var extra = on.getConfig("borderflow.spark.extra");
    assertEquals("com.example.Mine," + Lineage.LISTENER, extra.getString("\"spark.extraListeners\""),
        "a listener of the job file is kept");
    assertEquals("file", extra.getString("\"spark.openlineage.transport.type\""));
    assertEquals("/tmp/events.jsonl", extra.getString("\"spark.openlineage.transport.location\""));
    assertEquals(Lineage.STAGING_PATTERN, extra.getString("\"spark.openlineage.dataset.removePath.pattern\""));
  }

  @Test
  void eventsNameTheLandingZoneFilesAndThePublishedTables(@TempDir Path dir) throws Exception {
    Path raw = dir.resolve("raw");
    copyTree(PROJECT.resolve("sample-data/daily_counts/frontex"), raw.resolve("daily_counts/frontex"));
    Path out = dir.resolve("out");
    Path events = dir.resolve("events.jsonl");
    Path log = dir.resolve("run.log");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // This JVM's options (Spark's module opens from surefire's argLine, UTC), then a small driver's.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspark.ui.enabled=false",
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", System.getProperty("java.class.path"), "org.borderflow.jobs.Borderflow",
        "pipeline", "--raw", raw.toString(), "--out", out.toString(), "--as-of", "2022-11-30",
        "--set", "borderflow.spark.default-master=\"local[2]\"", "--set", "borderflow.spark.shuffle-partitions=2",
        "--set", "borderflow.lineage.enabled=true", "--set", "borderflow.lineage.file-location=\"" + events + "\""));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(child.waitFor(4, TimeUnit.MINUTES), "the run ended within 4 minutes");
    assertEquals(0, child.exitValue(), Files.readString(log));

    Set<String> outputs = new TreeSet<>();
    Set<String> jobNamespaces = new TreeSet<>();
    String all = Files.readString(events);
    for (String line : Files.readAllLines(events)) {
      JsonNode event = JSON.readTree(line);
      jobNamespaces.add(event.get("job").get("namespace").asText());
      event.path("outputs").forEach(o -> outputs.add(o.get("name").asText()));
    }
    Set<String> published = new TreeSet<>();
    PipelineRun.TABLES.forEach(t -> published.add(out.resolve(t).toString()));
    assertEquals(published, outputs, "every published table is an output, at its published path, not staging");
    assertEquals(Set.of("borderflow"), jobNamespaces);
    try (Stream<Path> files = Files.walk(raw)) {
      List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertFalse(parquet.isEmpty());
      for (Path file : parquet) {
        assertTrue(all.contains("\"name\":\"" + file + "\""), "the events name the landing-zone file " + file);
      }
    }
  }
}
