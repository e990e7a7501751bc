package org.borderflow.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.borderflow.jobs.Borderflow;
import org.borderflow.jobs.ExitCodes;
import org.borderflow.report.PublishedSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality stage in a real run: the manifest counts the table's findings, and --fail-on stops a run unpublished. */
class QualityGateTest extends PublishedSample {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theManifestCountsTheFindingsOfTheTablePerSeverity() throws IOException {
    JsonNode summary = newestManifest(published()).get("quality_checks");
    List<Row> counts = spark.read().parquet(published().resolve(QualityStage.TABLE).toString())
        .groupBy("severity").count().collectAsList();
    long total = 0;
    for (Row r : counts) {
      assertEquals(r.getLong(1), summary.get("by_severity").get(r.getString(0)).asLong(), r.getString(0));
      total += r.getLong(1);
    }
    assertTrue(total > 0, "the sample has findings");
    assertEquals(total, summary.get("findings").asLong());
    assertEquals("none", summary.get("fail_on").asText());
  }

  @Test
  void failOnErrorExitsWithItsStatusAndPublishesNothingNew(@TempDir Path out) throws Exception {
    copyTree(published(), out);
    Map<String, String> before = publishedFiles(out);
    // Georgia's few generated events are far from its daily summary: an error once that check is made one.
    int status = Borderflow.execute(pipelineArguments(out, "--fail-on", "error",
        "--set", "borderflow.quality.severity.source_disagreement=error").toArray(String[]::new));
    assertEquals(ExitCodes.QUALITY_GATE, status);
    assertEquals(4, status, "the documented status");
    assertEquals(before, publishedFiles(out), "every published file unchanged, the report included");
    JsonNode failed = newestManifest(out);
    assertEquals("FAILED", failed.get("status").asText());
    assertTrue(failed.get("error").asText().contains("at or above error (borderflow.quality.fail-on), nothing "
        + "published: "), failed.get("error").asText());
    assertTrue(failed.get("quality_checks").get("failing").asLong() > 0);
    if (Files.exists(out.resolve("_staging"))) {
      try (Stream<Path> staging = Files.list(out.resolve("_staging"))) {
        assertEquals(List.of(), staging.toList(), "the failed run's staging is removed");
      }
    }
  }

  /** Every file under {@code out} but the manifests and staging, with a digest of its bytes. */
  private static Map<String, String> publishedFiles(Path out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(p).toString();
        if (!name.startsWith("_runs") && !name.startsWith("_staging")) {
          files.put(name, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
      }
    }
    return files;
  }

  private static JsonNode newestManifest(Path out) throws IOException {
    try (Stream<Path> runs = Files.list(out.resolve("_runs"))) {
      Path newest = runs.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().reduce((a, b) -> b)
          .orElseThrow();
      return JSON.readTree(newest.toFile());
    }
  }
}
