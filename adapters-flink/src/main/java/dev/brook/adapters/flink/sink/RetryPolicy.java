package dev.brook.adapters.flink.sink;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often and how patiently a batch write is retried after a transient store failure.
 *
 * @param maxAttempts    tries per batch, at least 1 (1 = no retry)
 * @param initialBackoff wait before the first retry; each further retry waits twice as long
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff) implements Serializable {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy max attempts " + maxAttempts + " must be ≥ 1 (1 = no retry)");
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("retry policy backoff " + initialBackoff + " must be a duration ≥ 0");
        }
    }

    /** The wait before retry number {@code retry} (1-based). */
    public long backoffMillis(int retry) {
        return initialBackoff.toMillis() << Math.min(retry - 1, 20);
    }
}
