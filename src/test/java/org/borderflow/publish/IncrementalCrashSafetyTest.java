package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.borderflow.jobs.Borderflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kills of {@link CrashSafetyTest} in incremental runs: a class of its own, so that the test JVMs can share
 * the crash tests between them; the two versions it compares against come from {@link CrashFixture}.
 */
class IncrementalCrashSafetyTest extends CrashFixture {

  private static final String HORIZON = "borderflow.incremental.lateness-horizon-days=365";

  /** Builds the two versions (once per JVM) before the first kill, so that a failure there is reported here. */
  @BeforeAll
  static void publishVersionOneAndComputeVersionTwo() {
    v1();
  }

  /**
   * The same kills in an incremental run ({@code --incremental}) that adds the changed files to the state of
   * version 1. The state is published in the same swap as the tables: wherever the run dies, once {@code recover}
   * has run, the tables and {@code _state} are of one version (the state's version is the run id of the newest
   * manifest), and the next incremental run uses that state, does not fall back to a full run, and publishes what a
   * clean run over the changed input publishes. The state is renamed after the tables, then its events batch.
   */
  @ParameterizedTest(name = "incremental run killed at {0}")
  @ValueSource(strings = {"before-stage-crossings_daily", "after-stage-net_remaining_weekly", "after-journal",
      "after-table-quality_checks", "after-table-_state/summary", "before-manifest"})
  void aKilledIncrementalRunLeavesTablesAndStateOfOneVersion(String point) throws Exception {
    Path base = dir.resolve("incremental-version-1");
    if (!Files.exists(base)) {
      // Version 1 and its state over the landing zone's own path, as it was before the changed files arrived.
      Path aside = dir.resolve("raw-changed-aside");
      Files.move(changedRaw, aside);
      copyTree(dir.resolve("raw"), changedRaw);
      assertEquals(0, Borderflow.execute(incremental(changedRaw, base)));
      try (java.util.stream.Stream<Path> files = Files.walk(changedRaw)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.move(aside, changedRaw);
    }
    Path out = dir.resolve("incremental-killed-at-" + point.replace('/', '-'));
    copyTree(base, out);
    Path log = dir.resolve(point.replace('/', '-') + "-incremental.log");
    assertEquals(137, runKilledAt(point, out, log, "--incremental", "--set", HORIZON),
        "the child JVM must halt at " + point + ":\n" + tail(log));

    TablePublisher.recover(new org.apache.hadoop.fs.Path(out.toUri()), spark.sparkContext().hadoopConfiguration());
    boolean committed = point.equals("after-journal") || point.startsWith(AFTER_TABLE)
        || point.equals("before-manifest");
    assertSameTables(committed ? v2() : v1(), publishedRows(out), "tables after a kill at " + point + " and recover");
    List<JsonNode> runs = manifests(out);
    JsonNode state = new ObjectMapper().readTree(out.resolve("_state/summary/state.json").toFile());
    assertEquals(runs.get(runs.size() - 1).get("run_id").asText(), state.get("version").asText(),
        "the state is of the version of the tables: the newest manifest's run");

    assertEquals(0, Borderflow.execute(incremental(changedRaw, out)));
    List<JsonNode> after = manifests(out);
    assertEquals("incremental", after.get(after.size() - 1).get("incremental").get("mode").asText(),
        "the state left by the killed run is usable: " + after.get(after.size() - 1).get("incremental"));
    assertSameTables(v2(), publishedRows(out), "after the next incremental run, the tables of a clean run");
  }

  private static String[] incremental(Path raw, Path out) {
    // The traveller events of version 2 reach back two months: within the horizon, so that they are an increment.
    List<String> args = new ArrayList<>(pipelineArguments(raw, out, HORIZON));
    args.add("--incremental");
    return args.toArray(String[]::new);
  }
}
