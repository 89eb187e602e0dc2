package dev.brook.core.domain.port.out.query;

import java.time.Instant;

/** A half-open range of time {@code [fromMillis, toMillis)}, epoch milliseconds. */
public record TimeRange(long fromMillis, long toMillis) {

    public TimeRange {
        if (fromMillis < 0 || toMillis <= fromMillis) {
            throw new IllegalArgumentException("time range [" + fromMillis + ", " + toMillis
                    + ") must start at or after epoch 0 and end after it starts");
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from.toEpochMilli(), to.toEpochMilli());
    }

    /** Everything a store can hold. */
    public static TimeRange all() {
        return new TimeRange(0, Long.MAX_VALUE);
    }
}
