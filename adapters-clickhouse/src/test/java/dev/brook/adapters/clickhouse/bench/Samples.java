package dev.brook.adapters.clickhouse.bench;

import java.util.Arrays;

/** Durations in nanoseconds, summarised by nearest-rank percentiles in milliseconds. */
final class Samples {

    private final long[] nanos;
    private int size;

    Samples(int capacity) {
        nanos = new long[capacity];
    }

    void add(long value) {
        nanos[size++] = value;
    }

    double p(int percent) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
