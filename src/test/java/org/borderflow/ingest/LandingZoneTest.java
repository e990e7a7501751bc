package org.borderflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.borderflow.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level contract checks: each bad file stops discovery with a message naming the file and the column. */
class LandingZoneTest extends SparkTestBase {

  @TempDir
  Path raw;

  private Path writeCounts(String source, Dataset<Row> df) throws IOException {
    Path dir = raw.resolve("daily_counts").resolve(source);
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  private Dataset<Row> validCounts() {
    return spark.sql("select date'2022-09-20' as date, 'FI' as reporting_country, cast(null as string) as "
        + "crossing_point, cast(null as string) as border_type, 'RU' as citizenship, 'ENTRY' as direction, "
        + "cast(5 as bigint) as crossings, 'ignored' as extra_column");
  }

  private String failure() {
    return assertThrows(InputContractException.class,
        () -> LandingZone.discover(raw.toString(), spark.sparkContext().hadoopConfiguration())).getMessage();
  }

  @Test
  void aValidSourceIsListedWithFooterRowCountsAndExtraColumnsIgnored() throws IOException {
    writeCounts("s", validCounts());
    List<SourceFiles> sources = LandingZone.discover(raw.toString(), spark.sparkContext().hadoopConfiguration());
    assertEquals(1, sources.size());
    assertEquals("s", sources.get(0).name());
    assertEquals(1, sources.get(0).rows());
  }

  @Test
  void aFileTheLedgerKnowsUnchangedIsNotReadAgainAndAChangedOneIs() throws IOException {
    Path file = writeCounts("s", validCounts());
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputFile read = LandingZone.discover(raw.toString(), conf).get(0).files().get(0);
    // A ledger entry that differs from the footer only in what a footer says (rows, fingerprint): when size and
    // time match the listing, discovery takes it as it is, so the footer was not read again.
    InputFile ledger = new InputFile(read.path(), read.bytes(), 42, null, null, "from-ledger", read.modified());
    java.util.function.Function<InputFile, InputFile> listed = known -> LandingZone.discover(raw.toString(), conf,
        (kind, name) -> new SourceLayout(kind, org.borderflow.config.SourceDeclaration.canonical(name),
            java.util.Map.of()), List.of(), java.util.Map.of(read.path(), known)).get(0).files().get(0);
    assertEquals(ledger, listed.apply(ledger));
    // Another modification time (a file rewritten in place): the footer is read, and its facts win.
    assertEquals(read, listed.apply(new InputFile(read.path(), read.bytes(), 42, null, null, "from-ledger",
        read.modified() - 1000)));
    // Another size: read again as well.
    assertEquals(read, listed.apply(new InputFile(read.path(), read.bytes() + 1, 42, null, null, "from-ledger",
        read.modified())));
    assertTrue(read.modified() > 0 && !read.fingerprint().isEmpty(), read.toString());
  }

  @Test
  void aMissingRequiredColumnNamesFileAndColumn() throws IOException {
    Path file = writeCounts("s", validCounts().drop("crossings"));
    String message = failure();
    assertTrue(message.contains(file.getFileName().toString()), message);
    assertTrue(message.contains("required column 'crossings' is missing; expected BIGINT"), message);
  }

  @Test
  void aColumnOfTheWrongTypeNamesFileColumnAndExpectedType() throws IOException {
    Path file = writeCounts("s", validCounts().withColumn("crossings", org.apache.spark.sql.functions.col("crossings").cast("string")));
    String message = failure();
    assertTrue(message.contains(file.getFileName().toString()), message);
    assertTrue(message.contains("column 'crossings' has Parquet type"), message);
    assertTrue(message.contains("expected BIGINT"), message);
  }

  @Test
  void aFileThatIsNotParquetStopsTheRun() throws IOException {
    Path dir = Files.createDirectories(raw.resolve("daily_counts/s"));
    Files.writeString(dir.resolve("notes.parquet"), "date,crossings\n2022-09-20,5\n");
    String message = failure();
    assertTrue(message.contains("notes.parquet") && message.contains("not a readable Parquet file"), message);
  }

  @Test
  void aTruncatedParquetFileStopsTheRun() throws IOException {
    Path file = writeCounts("s", validCounts());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    String message = failure();
    assertTrue(message.contains(file.getFileName().toString()) && message.contains("not a readable Parquet"), message);
  }

  @Test
  void anEmptyFileAnEmptySourceAndAnEmptyLandingZoneStopTheRun() throws IOException {
    assertTrue(failure().contains("has no sources"));
    Path dir = Files.createDirectories(raw.resolve("crossing_events/ge"));
    assertTrue(failure().contains("source folder holds no files"));
    Files.createFile(dir.resolve("empty.parquet"));
    assertTrue(failure().contains("empty.parquet: the file is empty"));
  }
}
