package org.borderflow.common;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * A Parquet file's footer, read on the driver with the run's Hadoop configuration. {@code ParquetFileReader.open}
 * without read options builds them from a new Hadoop {@code Configuration}, which parses Hadoop's default XML files
 * again for every file it opens: about 10 ms a file, 0.65 s to count the rows of a table of 65 files.
 */
public final class ParquetFooters {

  private ParquetFooters() {}

  public static ParquetMetadata read(FileStatus status, Configuration conf) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf),
        HadoopReadOptions.builder(conf).build())) {
      return reader.getFooter();
    }
  }
}
