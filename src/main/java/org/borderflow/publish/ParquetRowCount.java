package org.borderflow.publish;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Row count of a written table from its Parquet footers: no Spark job, no second scan of the data. */
public final class ParquetRowCount {

  private ParquetRowCount() {}

  public static boolean hasParquetFiles(Path tableDir, Configuration conf) throws IOException {
    RemoteIterator<LocatedFileStatus> files = tableDir.getFileSystem(conf).listFiles(tableDir, true);
    while (files.hasNext()) {
      if (files.next().getPath().getName().endsWith(".parquet")) {
        return true;
      }
    }
    return false;
  }

  public static long of(Path tableDir, Configuration conf) throws IOException {
    FileSystem fs = tableDir.getFileSystem(conf);
    long rows = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(tableDir, true);
    while (files.hasNext()) {
      LocatedFileStatus status = files.next();
      if (status.getPath().getName().endsWith(".parquet")) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
          rows += reader.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
        }
      }
    }
    return rows;
  }
}
