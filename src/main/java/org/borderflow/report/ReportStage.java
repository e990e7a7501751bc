package org.borderflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/** Writes {@code <out>/report/index.html} from the published tables and the newest SUCCEEDED manifest. */
public final class ReportStage {

  private static final Logger LOG = LogManager.getLogger(ReportStage.class);
  public static final String FOLDER = "report";
  public static final String PAGE = "index.html";

  private ReportStage() {}

  /** Writes the page (through a temporary file and a rename, so a reader never opens half of it); returns it. */
  public static Path write(SparkSession spark, String outDir) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(outDir).getFileSystem(conf);
    Path out = fs.makeQualified(new Path(outDir));
    JsonNode manifest = RunManifests.newestSucceeded(out, conf);
    String html = ReportPage.render(ReportData.gather(spark, out, manifest), out.toString());
    Path folder = new Path(out, FOLDER);
    fs.mkdirs(folder);
    Path page = new Path(folder, PAGE);
    Path tmp = new Path(folder, "." + PAGE + ".tmp");
    try (FSDataOutputStream stream = fs.create(tmp, true)) {
      stream.write(html.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(page, false);
    if (!fs.rename(tmp, page)) {
      throw new IOException("could not rename " + tmp + " to " + page);
    }
    LOG.info("report of run {}: {}", manifest.path("run_id").asText(), page);
    System.out.println("report: " + page);
    return page;
  }
}
