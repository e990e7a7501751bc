package org.borderflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of one of the {@link RawParquetSchemas} to a single local Parquet file, byte for byte reproducibly.
 *
 * <p>parquet-hadoop is used directly rather than Spark because Spark names its part files after a random job UUID,
 * records its own version and session time zone in the footer and may split rows over tasks: the same input would not
 * give the same bytes. Here everything that reaches the file is fixed: codec and level, single-threaded compression,
 * writer version, page and row-group sizes, and the order of the encodings in the footer ({@link StableFooter}).
 * {@link LocalOutputFile} writes through {@code java.nio}, so no Hadoop file system is involved and no {@code .crc}
 * side files appear.
 */
public final class ParquetRowWriter<T> implements AutoCloseable {

    /**
     * ZSTD is deterministic at a fixed level without worker threads, and less than half the size of SNAPPY on the
     * event files. Higher levels save little here (level 19: -12%) for ten times the writing time.
     */
    static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    static final int ZSTD_LEVEL = 3;

    private final Path file;
    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory factory;
    private final BiFunction<SimpleGroupFactory, T, Group> binder;
    private long rows;
    private boolean closed;

    private ParquetRowWriter(Path file, MessageType schema, BiFunction<SimpleGroupFactory, T, Group> binder)
            throws IOException {
        this.file = file;
        this.factory = new SimpleGroupFactory(schema);
        this.binder = binder;
        Files.createDirectories(file.toAbsolutePath().getParent());
        // No site files: the bytes must not depend on whatever core-site.xml happens to be on the classpath.
        Configuration conf = new Configuration(false);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(conf)
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CODEC)
                .config("parquet.compression.codec.zstd.level", Integer.toString(ZSTD_LEVEL))
                .config("parquet.compression.codec.zstd.workers", "0")
                // Version 1 pages and encodings, as Spark writes by default, so every Parquet reader takes them.
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true)
                .withRowGroupSize(128L * 1024 * 1024)
                .withPageSize(1024 * 1024)
                .withDictionaryPageSize(1024 * 1024)
                .withBloomFilterEnabled(false)
                .build();
    }

    /** Opens a writer for the {@code daily_counts} schema. */
    public static ParquetRowWriter<DailyCount> dailyCounts(Path file) throws IOException {
        return new ParquetRowWriter<>(file, RawParquetSchemas.DAILY_COUNTS, RawParquetSchemas::toGroup);
    }

    /** Opens a writer for daily counts of an origin-side source, with {@code counterpart_country}. */
    public static ParquetRowWriter<OriginCount> originCounts(Path file) throws IOException {
        return new ParquetRowWriter<>(file, RawParquetSchemas.ORIGIN_COUNTS, RawParquetSchemas::toGroup);
    }

    /** Opens a writer for the {@code crossing_events} schema. */
    public static ParquetRowWriter<CrossingEvent> crossingEvents(Path file) throws IOException {
        return new ParquetRowWriter<>(file, RawParquetSchemas.CROSSING_EVENTS, RawParquetSchemas::toGroup);
    }

    /** Opens a writer for the foreign shape of {@code crossing_events/am_nss}. */
    public static ParquetRowWriter<AmNssRow> amNss(Path file) throws IOException {
        return new ParquetRowWriter<>(file, RawParquetSchemas.AM_NSS, RawParquetSchemas::toGroup);
    }

    public void write(T row) {
        try {
            writer.write(binder.apply(factory, row));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a row to " + file, e);
        }
        rows++;
    }

    /** Closes the file, makes its footer reproducible and reports what was written. */
    public WrittenFile finish() throws IOException {
        close();
        StableFooter.sortColumnEncodings(file);
        return new WrittenFile(file, rows, Files.size(file));
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
