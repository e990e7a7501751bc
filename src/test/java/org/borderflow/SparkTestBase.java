package org.borderflow;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One local SparkSession for the whole test JVM: two threads, loopback driver, no UI, few shuffle partitions, no
 * generated code and no adaptive execution (small queries run faster without them; {@link #withProductionExecution}
 * runs with them), session and JVM time zone pinned to UTC so that local-date conversions are tested, not assumed.
 * A pipeline run in this JVM shares the session (and sets its own shuffle partitions on it).
 */
public abstract class SparkTestBase {

  protected static final SparkSession spark = Holder.SESSION;

  /**
   * The session settings tests change from Spark's defaults to run small queries faster, with the defaults that
   * {@code spark-submit} and {@code run-local.sh} run with: {@link #withProductionExecution} restores them.
   */
  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final java.util.Map<String, String> PRODUCTION_EXECUTION = java.util.Map.of(
      WHOLE_STAGE, "true", CODEGEN_FACTORY_MODE, "FALLBACK", ADAPTIVE, "true");

  /**
   * Runs {@code work} with Spark's own execution settings (generated code, adaptive execution) instead of the
   * test session's, so that a test can execute what production executes; the test settings come back after.
   */
  protected static <T> T withProductionExecution(java.util.concurrent.Callable<T> work) throws Exception {
    java.util.Map<String, String> test = new java.util.HashMap<>();
    PRODUCTION_EXECUTION.keySet().forEach(key -> test.put(key, spark.conf().get(key)));
    PRODUCTION_EXECUTION.forEach(spark.conf()::set);
    try {
      return work.call();
    } finally {
      test.forEach(spark.conf()::set);
    }
  }

  private static final class Holder {
    static final SparkSession SESSION = create();

    private static SparkSession create() {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      SparkSession session = SparkSession.builder()
          .master("local[2]")
          .appName("borderflow-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
          // Tests run a few hundred small queries, many of them again in every pipeline run of the JVM: whole-stage
          // code generation compiles a class per query that then runs over a few rows (measured: a run's CPU a
          // fifth less without it), and Spark's cache of generated classes (100 by default) is too small for the
          // classes of one pipeline run, so each run compiled them again.
          .config(WHOLE_STAGE, "false")
          .config("spark.sql.codegen.cache.maxEntries", "4000")
          // Without whole-stage code generation, each task still generated the source of its projections (the
          // compiled class came from the cache): 22% of the executors' CPU in a profile of small pipeline runs.
          // Interpreted expressions skip that.
          .config(CODEGEN_FACTORY_MODE, "NO_CODEGEN")
          // Adaptive execution runs every exchange as a job of its own and plans the rest of the query again
          // after it (61 jobs for a small pipeline run, 35 without); over a few thousand rows it has nothing to
          // adapt to.
          .config(ADAPTIVE, "false")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
      return session;
    }
  }

  protected static Dataset<Row> df(StructType schema, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return spark.createDataFrame(list, schema);
  }

  protected static Object[] row(Object... values) {
    return values;
  }

  protected static Date date(String iso) {
    return Date.valueOf(iso);
  }

  protected static Timestamp instant(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** Rows as strings, sorted, so answers compare regardless of order and a mismatch prints readably. */
  protected static List<String> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** Copies a directory tree, Hadoop's .crc side files included, so the copy reads like the original. */
  protected static void copyTree(java.nio.file.Path from, java.nio.file.Path to) {
    try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(from)) {
      for (java.nio.file.Path source : walk.toList()) {
        java.nio.file.Path target = to.resolve(from.relativize(source).toString());
        if (java.nio.file.Files.isDirectory(source)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(source, target);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  protected static List<String> lines(String... rows) {
    return Arrays.stream(rows).sorted().toList();
  }
}
