package dev.brook.core.domain.aggregation;

import java.time.Duration;

/**
 * Fixed-size, non-overlapping windows aligned to the epoch: every event time belongs to exactly one.
 *
 * @param size the window length; the spec's default is one minute
 */
public record TumblingWindows(Duration size) {

    public static final Duration DEFAULT_SIZE = Duration.ofMinutes(1);

    public TumblingWindows {
        if (size == null || size.toMillis() < 1 || size.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("window size " + size + " must be between 1 ms and 1 day (e.g. PT1M)");
        }
    }

    public static TumblingWindows ofDefaultSize() {
        return new TumblingWindows(DEFAULT_SIZE);
    }

    public TimeWindow windowOf(long eventTimeMillis) {
        long length = size.toMillis();
        long start = eventTimeMillis - Math.floorMod(eventTimeMillis, length);
        return new TimeWindow(start, start + length);
    }
}
