package org.borderflow.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline from HDFS to HDFS, in process: an in-process HDFS (MiniDFSCluster: a NameNode and one DataNode) holds
 * the landing zone and receives the tables, through the same Hadoop FileSystem calls a cluster makes. Two runs over
 * the same input: the second must replace every table as a unit, leaving one version of each and an empty staging.
 *
 * <p>The landing zone is sample-data's {@code daily_counts} sources (Frontex and Kazakhstan). Its 13 MB of Georgian
 * events go through the same readers and writers and would only add a minute per run; the local end-to-end test runs
 * them.
 */
class HdfsPipelineTest extends SparkTestBase {

  static final File PROJECT = new File(System.getProperty("borderflow.project.dir", "."));
  static final List<String> TABLES = PipelineRun.TABLES;
  /** The write id Spark puts in every file name of one write job: part-00000-UUID-c000.zstd.parquet. */
  static final Pattern WRITE_ID = Pattern.compile("^part-\\d+-([0-9a-f]{8}-[0-9a-f-]{27})");

  @TempDir
  static File hdfsBase;
  static MiniDFSCluster hdfs;
  static FileSystem fs;
  static Path out;
  static JsonNode firstRun;
  static Map<String, Set<String>> firstWriteIds;

  @BeforeAll
  static void runThePipelineOnHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.getPath());
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf, hdfsBase).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    fs.copyFromLocalFile(false, true, new Path(new File(PROJECT, "sample-data/daily_counts").toURI()),
        new Path("/landing/daily_counts"));
    out = fs.makeQualified(new Path("/warehouse/borderflow"));
    assertEquals(0, runPipeline(), "exit status of the first run");
    firstRun = manifests().get(0);
    firstWriteIds = writeIdsPerTable();
  }

  @AfterAll
  static void stopHdfs() throws IOException {
    if (hdfs != null) {
      // The client Spark cached for this NameNode would otherwise keep renewing leases against a stopped cluster.
      FileSystem.get(fs.getUri(), spark.sparkContext().hadoopConfiguration()).close();
      hdfs.shutdown(true);
    }
  }

  /** The pipeline from {@code hdfs://localhost:PORT/landing} to {@code hdfs://localhost:PORT/warehouse/borderflow}. */
  private static int runPipeline() {
    return Borderflow.execute("pipeline", "--raw", fs.makeQualified(new Path("/landing")).toString(),
        "--out", out.toString(), "--conf", new File(PROJECT, "conf/pipeline.conf").getPath(),
        "--as-of", "2022-11-30");
  }

  private static Path outPath(String child) {
    return new Path(out, child);
  }

  /** The run manifests in {@code <out>/_runs}, oldest first (run ids start with their UTC start time). */
  private static List<JsonNode> manifests() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (FileStatus f : fs.listStatus(outPath("_runs"))) {
      if (f.getPath().getName().endsWith(".json")) {
        names.add(f.getPath().getName());
      }
    }
    for (String name : names) {
      try (InputStream in = fs.open(outPath("_runs/" + name))) {
        docs.add(new ObjectMapper().readTree(in));
      }
    }
    return docs;
  }

  /** For each table, the distinct Spark write ids of its Parquet files: one write job gives one id. */
  private static Map<String, Set<String>> writeIdsPerTable() throws IOException {
    Map<String, Set<String>> ids = new TreeMap<>();
    for (String table : TABLES) {
      Set<String> tableIds = new TreeSet<>();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(outPath(table), true);
      while (files.hasNext()) {
        Matcher m = WRITE_ID.matcher(files.next().getPath().getName());
        if (m.find()) {
          tableIds.add(m.group(1));
        }
      }
      ids.put(table, tableIds);
    }
    return ids;
  }

  @Test
  void everyTableHoldsTheRowsItsManifestCounted() {
    assertEquals("SUCCEEDED", firstRun.get("status").asText());
    assertTrue(firstRun.get("parameters").toString().contains("hdfs://"), firstRun.get("parameters").toString());
    for (String table : TABLES) {
      long rows = spark.read().parquet(outPath(table).toString()).count();
      assertEquals(firstRun.get("tables").get(table).get("rows").asLong(), rows, table);
    }
  }

  @Test
  void frontexWeek38ReadBackFromHdfs() {
    Row w38 = spark.read().parquet(outPath(PipelineRun.NET_REMAINING_WEEKLY).toString())
        .where(col("citizenship").equalTo("RU").and(col("week_label").equalTo("2022-W38"))
            .and(col("reporting_country").isin("FI", "EE", "LV", "LT", "PL", "NO")))
        .agg(sum("entries"), sum("exits")).first();
    assertEquals(65_951L, w38.getLong(0), "entries 19-25 Sep 2022");
    assertEquals(48_272L, w38.getLong(1), "exits 19-25 Sep 2022");
  }

  @Test
  void aSecondRunReplacesEveryTableAsAUnit() throws IOException {
    assertEquals(0, runPipeline(), "exit status of the second run");
    List<JsonNode> runs = manifests();
    assertEquals(2, runs.size(), "one manifest per run");
    JsonNode second = runs.get(1);
    assertEquals("SUCCEEDED", second.get("status").asText());

    Set<String> published = new TreeSet<>();
    for (FileStatus f : fs.listStatus(out)) {
      published.add(f.getPath().getName());
    }
    Set<String> expected = new TreeSet<>(TABLES);
    expected.add("_runs");
    published.remove("_staging");
    assertEquals(expected, published, "the tables, the manifests and nothing else");
    assertTrue(!fs.exists(outPath("_staging")) || fs.listStatus(outPath("_staging")).length == 0,
        "staging is empty after a successful run");

    Map<String, Set<String>> secondWriteIds = writeIdsPerTable();
    for (String table : TABLES) {
      assertEquals(1, secondWriteIds.get(table).size(), table + ": files of exactly one write " + secondWriteIds);
      assertNotEquals(firstWriteIds.get(table), secondWriteIds.get(table), table + ": replaced by the second run");
      long rows = spark.read().parquet(outPath(table).toString()).count();
      assertEquals(second.get("tables").get(table).get("rows").asLong(), rows, table);
      assertEquals(firstRun.get("tables").get(table), second.get("tables").get(table), table + ": same input, same rows");
    }
  }
}
