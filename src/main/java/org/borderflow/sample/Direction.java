package org.borderflow.sample;

/** Direction of a crossing, seen from the reporting country, as spelled in the raw files. */
public enum Direction {
    ENTRY,
    EXIT
}
