package org.borderflow.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 2: "written so that a rerun over the same input and configuration gives the same rows". Two
 * runs over one landing zone into one output folder must publish the same rows in every table, and their run
 * manifests may differ only in what is about the run itself: its id and its times. Rows compare as
 * {@link PublishFixture#text}: every value exactly, doubles to the last bit.
 */
class IdempotenceTest extends PublishFixture {

  @TempDir
  static Path dir;

  @Test
  void aRerunPublishesTheSameRowsAndAManifestThatDiffersOnlyInRunIdAndTimes() {
    // The two count sources, plus a small event source with a re-delivered file (duplicates by event_id) and an
    // invalid row, so that precedence, deduplication and rejection all take part.
    Path raw = smallLandingZone(dir.resolve("raw"));
    List<Object[]> events = travellerEvents(12);
    writeEvents(raw, "fi_border_guard", "2022-10-01", events);
    List<Object[]> redelivered = new ArrayList<>(events.subList(0, 6));
    redelivered.add(event(99, LocalDate.of(2022, 9, 23), 99, "SIDEWAYS"));
    writeEvents(raw, "fi_border_guard", "2022-10-02", redelivered);
    Path out = dir.resolve("out");

    runPipeline(raw, out);
    Map<String, List<String>> first = publishedRows(out);
    runPipeline(raw, out);
    Map<String, List<String>> second = publishedRows(out);

    first.forEach((table, rows) -> assertFalse(rows.isEmpty(), table + " has rows to compare"));
    assertSameTables(first, second, "the rerun");
    List<JsonNode> manifests = manifests(out);
    assertEquals(2, manifests.size(), "one manifest per run");
    assertNotEquals(manifests.get(0).get("run_id"), manifests.get(1).get("run_id"));
    assertEquals(withoutRunIdAndTimes(manifests.get(0)).toPrettyString(),
        withoutRunIdAndTimes(manifests.get(1)).toPrettyString(), "manifests apart from run id and times");
  }

  /** A copy without run_id and, at any depth, fields that hold a time or a duration (*_at, *seconds, *duration*). */
  private static JsonNode withoutRunIdAndTimes(JsonNode manifest) {
    JsonNode copy = manifest.deepCopy();
    ((ObjectNode) copy).remove("run_id");
    removeTimes(copy);
    return copy;
  }

  private static void removeTimes(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        String name = fields.next().getKey();
        if (name.endsWith("_at") || name.endsWith("seconds") || name.contains("duration")) {
          fields.remove();
        }
      }
    }
    node.forEach(IdempotenceTest::removeTimes);
  }
}
