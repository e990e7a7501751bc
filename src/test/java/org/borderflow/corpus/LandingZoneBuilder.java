package org.borderflow.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Writes small landing zones for the bad-input tests: one Parquet file per call, at a chosen path. */
final class LandingZoneBuilder {

  private final SparkSession spark;
  private final Path root;

  LandingZoneBuilder(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Writes rows as one Parquet file at {@code <root>/<relative>} and returns its path. */
  Path parquet(String relative, StructType schema, Object[]... rows) throws IOException {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    Path target = root.resolve(relative);
    Path scratch = Files.createTempDirectory("lz-write");
    spark.createDataFrame(list, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(scratch.toString());
    try (var files = Files.list(scratch)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.createDirectories(target.getParent());
      Files.copy(part, target);
    }
    return target;
  }

  Path text(String relative, String content) throws IOException {
    Path target = root.resolve(relative);
    Files.createDirectories(target.getParent());
    return Files.writeString(target, content);
  }
}
