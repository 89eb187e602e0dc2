package dev.brook.core.domain.aggregation;

import java.time.Instant;

/**
 * A half-open interval of event time, {@code [startMillis, endMillis)}, in epoch milliseconds.
 */
public record TimeWindow(long startMillis, long endMillis) implements Comparable<TimeWindow> {

    public TimeWindow {
        if (startMillis < 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException("window [" + startMillis + ", " + endMillis
                    + ") must start at or after epoch 0 and end after it starts");
        }
    }

    public boolean contains(long eventTimeMillis) {
        return eventTimeMillis >= startMillis && eventTimeMillis < endMillis;
    }

    /** The last millisecond inside the window: the timestamp an engine gives the window's result. */
    public long maxTimestamp() {
        return endMillis - 1;
    }

    public long lengthMillis() {
        return endMillis - startMillis;
    }

    @Override
    public int compareTo(TimeWindow other) {
        int byStart = Long.compare(startMillis, other.startMillis);
        return byStart != 0 ? byStart : Long.compare(endMillis, other.endMillis);
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(startMillis) + ", " + Instant.ofEpochMilli(endMillis) + ")";
    }
}
