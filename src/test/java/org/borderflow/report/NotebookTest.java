package org.borderflow.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes jobs/notebooks/borderflow_tables.ipynb against {@link PublishedSample}'s output with Jupyter, and checks
 * that the headline it recomputes with DuckDB and pandas is the table's and that it drew its chart. Skipped, with
 * what is missing, where Jupyter or the notebook's Python packages (duckdb, pandas, matplotlib) are not installed.
 */
class NotebookTest extends PublishedSample {

  static final Path NOTEBOOK = PROJECT.resolve("jobs/notebooks/borderflow_tables.ipynb");

  @Test
  void theNotebookReproducesTheHeadlineAndDrawsItsChart(@TempDir Path dir) throws Exception {
    assumeTrue(succeeds(List.of("jupyter", "nbconvert", "--version")),
        "jupyter nbconvert is not installed (Debian: jupyter-nbconvert): the notebook is not executed here");
    assumeTrue(succeeds(List.of("python3", "-c", "import duckdb, pandas, matplotlib, ipykernel")),
        "python3 lacks duckdb, pandas, matplotlib or ipykernel (duckdb is on PyPI, which this machine does not "
            + "reach): the notebook is not executed here");
    Path executed = dir.resolve("executed.ipynb");
    ProcessBuilder run = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=300", "--output-dir", dir.toString(), "--output", "executed",
        NOTEBOOK.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nbconvert.log").toFile());
    run.environment().put("BORDERFLOW_OUT", published().toString());
    Process p = run.start();
    assertTrue(p.waitFor(6, TimeUnit.MINUTES), "the notebook ran within 6 minutes");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("nbconvert.log")));

    StringBuilder printed = new StringBuilder();
    for (JsonNode cell : new ObjectMapper().readTree(executed.toFile()).get("cells")) {
      cell.path("outputs").forEach(o -> o.path("text").forEach(t -> printed.append(t.asText())));
    }
    Row all = spark.read().parquet(published().resolve("exodus_estimates").toString())
        .where(col("destination").equalTo("ALL")).orderBy("event_id").first();
    java.util.regex.Matcher headline = java.util.regex.Pattern.compile("HEADLINE (\\S+) (\\S+) (\\S+) (\\S+)")
        .matcher(printed);
    assertTrue(headline.find(), "the notebook printed its headline:\n" + printed);
    assertEquals(all.getString(all.fieldIndex("event_id")), headline.group(1));
    // Python prints a float's shortest round-trip text, which Java parses back to the same double.
    assertEquals(all.getDouble(all.fieldIndex("excess_net")), Double.parseDouble(headline.group(2)));
    assertEquals(all.getDouble(all.fieldIndex("excess_net_low")), Double.parseDouble(headline.group(3)));
    assertEquals(all.getDouble(all.fieldIndex("excess_net_high")), Double.parseDouble(headline.group(4)));
    assertTrue(Files.size(published().resolve("report/notebook_weekly_net.png")) > 0, "the chart was saved");
  }

  private static boolean succeeds(List<String> command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
