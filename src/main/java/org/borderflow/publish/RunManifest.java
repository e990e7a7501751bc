package org.borderflow.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.borderflow.ingest.InputFile;
import org.borderflow.ingest.SourceAccount;
import org.borderflow.ingest.SourceFiles;

/**
 * The run manifest of contract section 2.6, filled as the run goes and written last to
 * {@code <out>/_runs/<run_id>.json} (through a temporary file and a rename, so a reader never sees half of it).
 */
public final class RunManifest {

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  /** Tables are being swapped in; a newest manifest left in this state means the next run completes the swap. */
  public static final String PUBLISHING = "PUBLISHING";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> doc = new LinkedHashMap<>();

  public RunManifest(String runId, Instant startedAt) {
    doc.put("run_id", runId);
    doc.put("status", "RUNNING");
    doc.put("started_at", startedAt.toString());
  }

  public RunManifest parameters(Map<String, Object> parameters) {
    doc.put("parameters", parameters);
    return this;
  }

  public RunManifest configuration(String effectiveJson) {
    try {
      doc.put("configuration", JSON.readValue(effectiveJson, JsonNode.class));
    } catch (IOException e) {
      throw new IllegalStateException("effective configuration is not JSON", e);
    }
    return this;
  }

  public RunManifest versions(String codeVersion, String sparkVersion, String sparkMaster) {
    doc.put("code_version", codeVersion);
    doc.put("spark_version", sparkVersion);
    doc.put("spark_master", sparkMaster);
    return this;
  }

  public RunManifest inputs(List<SourceFiles> sources) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (SourceFiles s : sources) {
      for (InputFile f : s.files()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.name());
        m.put("kind", s.kind().folder());
        m.put("path", f.path());
        m.put("bytes", f.bytes());
        m.put("rows", f.rows());
        files.add(m);
      }
    }
    doc.put("input_files", files);
    return this;
  }

  public RunManifest accounts(List<SourceAccount> accounts) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (SourceAccount a : accounts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", a.source());
      m.put("kind", a.kind());
      m.put("files", a.files());
      m.put("read", a.read());
      m.put("accepted", a.accepted());
      m.put("rejected", a.rejected());
      m.put("duplicates", a.duplicates());
      m.put("balanced", a.balanced());
      m.put("set_aside_daily_rows", a.setAsideDailyRows());
      m.put("set_aside_crossings", a.setAsideCrossings());
      list.add(m);
    }
    doc.put("sources", list);
    return this;
  }

  public RunManifest tables(Map<String, Long> rows, java.util.function.Function<String, String> pathOf) {
    Map<String, Object> tables = new LinkedHashMap<>();
    rows.forEach((table, count) -> tables.put(table, Map.of("rows", count, "path", pathOf.apply(table))));
    doc.put("tables", tables);
    return this;
  }

  public RunManifest headline(List<Map<String, Object>> estimates) {
    doc.put("estimates", estimates);
    return this;
  }

  /** The data-quality findings: counts per severity and per check, and what failed the run, if anything did. */
  /**
   * The incremental state: whether the run was an increment or a full recompute and why, the state version it
   * started from and the one it publishes, and the files it read.
   */
  public RunManifest incremental(Map<String, Object> state) {
    doc.put("incremental", state);
    return this;
  }

  public RunManifest quality(Map<String, Object> summary) {
    doc.put("quality_checks", summary);
    return this;
  }

  public RunManifest finish(String status, Instant endedAt, String error) {
    doc.put("status", status);
    doc.put("ended_at", endedAt.toString());
    if (error != null) {
      doc.put("error", error);
    }
    return this;
  }

  public String status() {
    return String.valueOf(doc.get("status"));
  }

  public Path write(Path out, Configuration conf) throws IOException {
    FileSystem fs = out.getFileSystem(conf);
    Path runs = new Path(out, "_runs");
    fs.mkdirs(runs);
    Path target = new Path(runs, doc.get("run_id") + ".json");
    Path tmp = new Path(runs, "." + doc.get("run_id") + ".json.tmp");
    try (FSDataOutputStream stream = fs.create(tmp, true)) {
      stream.write(JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
      stream.hsync();
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("could not rename " + tmp + " to " + target);
    }
    return target;
  }
}
