package org.borderflow.sample;

import java.util.Arrays;

/**
 * Crossing events of one source as primitive columns, in generation order until {@link #sortByTime()}.
 *
 * <p>Times are whole seconds from the start of the sample's first local day, which is what a border log records
 * and what keeps the timestamp column compressible.
 */
final class EventLog {

    /** Generation sequence numbers must fit below the time in the sort key. */
    private static final int SEQUENCE_BITS = 26;

    private int[] second = new int[1 << 16];
    private int[] traveller = new int[1 << 16];
    private byte[] point = new byte[1 << 16];
    private byte[] direction = new byte[1 << 16];
    private int size;

    void add(int secondOfSample, int travellerIndex, int pointIndex, Direction dir) {
        if (size == second.length) {
            int capacity = size * 2;
            second = Arrays.copyOf(second, capacity);
            traveller = Arrays.copyOf(traveller, capacity);
            point = Arrays.copyOf(point, capacity);
            direction = Arrays.copyOf(direction, capacity);
        }
        second[size] = secondOfSample;
        traveller[size] = travellerIndex;
        point[size] = (byte) pointIndex;
        direction[size] = (byte) dir.ordinal();
        size++;
    }

    /** Orders events by time; events in the same second keep their generation order, so the result is unique. */
    void sortByTime() {
        if (size >= 1 << SEQUENCE_BITS) {
            throw new IllegalStateException("too many events to sort: " + size);
        }
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((long) second[i] << SEQUENCE_BITS) | i;
        }
        Arrays.sort(keys);
        int[] sortedSecond = new int[size];
        int[] sortedTraveller = new int[size];
        byte[] sortedPoint = new byte[size];
        byte[] sortedDirection = new byte[size];
        for (int i = 0; i < size; i++) {
            int from = (int) (keys[i] & ((1L << SEQUENCE_BITS) - 1));
            sortedSecond[i] = second[from];
            sortedTraveller[i] = traveller[from];
            sortedPoint[i] = point[from];
            sortedDirection[i] = direction[from];
        }
        second = sortedSecond;
        traveller = sortedTraveller;
        point = sortedPoint;
        direction = sortedDirection;
    }

    int size() {
        return size;
    }

    int secondOfSample(int event) {
        return second[event];
    }

    int traveller(int event) {
        return traveller[event];
    }

    int point(int event) {
        return point[event];
    }

    Direction direction(int event) {
        return Direction.values()[direction[event]];
    }
}
