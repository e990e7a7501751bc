package org.borderflow.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The datasets a stage reads more than once, persisted so that raw data is scanned once, and released together
 * when the run ends: a long-lived session (a notebook, a test JVM) must not collect one run's caches after another.
 */
public final class RunCache {

  private final List<Dataset<Row>> persisted = new ArrayList<>();

  public Dataset<Row> persist(Dataset<Row> df) {
    Dataset<Row> p = df.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(p);
    return p;
  }

  /**
   * Materialises a small intermediate result and cuts its lineage. Later stages then plan against a few rows
   * instead of the whole upstream plan: with many sources that plan is large, and every stage that read the
   * result more than once paid for analysing it again (a run with 21 sources spent most of its estimate stage
   * planning). The blocks live with the executors like a cache and are freed with the session.
   */
  public Dataset<Row> checkpoint(Dataset<Row> df) {
    return df.localCheckpoint(true);
  }

  public void release() {
    persisted.forEach(Dataset::unpersist);
    persisted.clear();
  }
}
