package org.borderflow.sample;

import java.nio.file.Path;

/** A Parquet file as written: where it is, how many rows and how many bytes. */
public record WrittenFile(Path path, long rows, long bytes) {

    @Override
    public String toString() {
        return String.format("%s (%,d rows, %,d bytes)", path, rows, bytes);
    }
}
