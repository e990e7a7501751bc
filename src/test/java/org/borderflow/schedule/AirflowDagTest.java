package org.borderflow.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow example, jobs/airflow/borderflow_dag.py, checked with the machine's python3; skipped where there is
 * none. Airflow itself is not needed: the Python test stands in for its modules.
 */
class AirflowDagTest {

  static final File PROJECT = new File(System.getProperty("borderflow.project.dir", "."));
  static final String DAG = "jobs/airflow/borderflow_dag.py";

  @TempDir
  static Path pycache;

  record Result(int status, String output) {}

  /** Runs a command in the project directory; bytecode goes to a temporary folder, never next to the sources. */
  static Result run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT).redirectErrorStream(true);
    builder.environment().put("PYTHONPYCACHEPREFIX", pycache.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished within 60 s: " + List.of(command));
    return new Result(process.exitValue(), output);
  }

  @BeforeAll
  static void needsPython() throws InterruptedException {
    boolean present;
    try {
      present = run("python3", "--version").status() == 0;
    } catch (IOException e) {
      present = false;
    }
    assumeTrue(present, "python3 is not on the PATH: the Airflow DAG is not checked");
  }

  @Test
  void theDagFileCompiles() throws Exception {
    Result compile = run("python3", "-m", "py_compile", DAG);
    assertEquals(0, compile.status(), compile.output());
  }

  @Test
  void theDagSubmitsThePipelineAndRetriesOnlyWhatARetryCanFix() throws Exception {
    Result test = run("python3", "-B", "jobs/airflow/test_borderflow_dag.py");
    assertEquals(0, test.status(), test.output());
  }
}
