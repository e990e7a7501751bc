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

  public void release() {
    persisted.forEach(Dataset::unpersist);
    persisted.clear();
  }
}
