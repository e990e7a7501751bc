package org.borderflow.sample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts the one unstable part of a parquet-mr footer in a fixed order.
 *
 * <p>parquet-mr collects each column chunk's encodings in a {@code HashSet} of enum constants, whose iteration order
 * follows identity hash codes and so changes from one JVM to the next (the same run gives {@code [RLE, BIT_PACKED,
 * PLAIN]} from the command line and {@code [BIT_PACKED, RLE, PLAIN]} under Maven). Everything else in the file is
 * already a function of the rows and the writer settings. Sorting the lists by their Thrift value and writing the
 * footer back in place makes the whole file reproducible; the footer keeps its length, because the same values are
 * only reordered.
 */
final class StableFooter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private StableFooter() {
    }

    static void sortColumnEncodings(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer tail = readFully(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            tail.get(4, magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not an unencrypted Parquet file");
            }
            int footerLength = tail.getInt(0);
            long footerStart = size - 8 - footerLength;
            byte[] footer = readFully(channel, footerStart, footerLength).array();

            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
            for (RowGroup rowGroup : metadata.getRow_groups()) {
                for (ColumnChunk column : rowGroup.getColumns()) {
                    List<Encoding> encodings = column.getMeta_data().getEncodings();
                    encodings.sort(Comparator.comparingInt(Encoding::getValue));
                }
            }
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
            Util.writeFileMetaData(metadata, rewritten);
            if (rewritten.size() != footerLength) {
                throw new IOException("footer of " + file + " changed length when its encodings were sorted: "
                        + footerLength + " -> " + rewritten.size());
            }
            ByteBuffer out = ByteBuffer.wrap(rewritten.toByteArray());
            while (out.hasRemaining()) {
                channel.write(out, footerStart + out.position());
            }
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
