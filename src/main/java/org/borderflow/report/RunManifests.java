package org.borderflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Finds the manifest that describes the published tables: the newest one that says SUCCEEDED. */
public final class RunManifests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunManifests() {}

  /**
   * Run ids start with the start time (yyyyMMdd'T'HHmmss'Z'), so names sort by time. A newer FAILED run published
   * nothing, and a newer PUBLISHING one is being swapped in: the newest SUCCEEDED run describes what readers see.
   */
  public static JsonNode newestSucceeded(Path out, Configuration conf) throws IOException {
    FileSystem fs = out.getFileSystem(conf);
    Path runs = new Path(out, "_runs");
    if (!fs.exists(runs)) {
      throw new IllegalStateException("no run manifest under " + runs + ": run the pipeline first");
    }
    List<FileStatus> files = Arrays.stream(fs.listStatus(runs))
        .filter(f -> f.getPath().getName().endsWith(".json") && !f.getPath().getName().startsWith("."))
        .sorted(Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed()).toList();
    for (FileStatus f : files) {
      try (InputStream in = fs.open(f.getPath())) {
        JsonNode manifest = JSON.readTree(in);
        if ("SUCCEEDED".equals(manifest.path("status").asText())) {
          return manifest;
        }
      }
    }
    throw new IllegalStateException("no SUCCEEDED run manifest under " + runs + ": nothing has been published");
  }
}
