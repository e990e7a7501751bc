package org.borderflow.publish;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.borderflow.common.FileListing;
import org.borderflow.common.ParquetFooters;

/** Row count of a written table from its Parquet footers: no Spark job, no second scan of the data. */
public final class ParquetRowCount {

  private ParquetRowCount() {}

  public static boolean hasParquetFiles(Path tableDir, Configuration conf) throws IOException {
    return !parquetFiles(tableDir, conf).isEmpty();
  }

  /** The rows of the folder's Parquet files from one listing; null when it holds none. */
  public static Long ofFiles(Path tableDir, Configuration conf) throws IOException {
    List<FileStatus> files = parquetFiles(tableDir, conf);
    if (files.isEmpty()) {
      return null;
    }
    long rows = 0;
    for (FileStatus status : files) {
      rows += ParquetFooters.read(status, conf).getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    }
    return rows;
  }

  private static List<FileStatus> parquetFiles(Path tableDir, Configuration conf) throws IOException {
    return FileListing.visibleFiles(tableDir.getFileSystem(conf), tableDir).stream()
        .filter(s -> s.getPath().getName().endsWith(".parquet")).toList();
  }
}
