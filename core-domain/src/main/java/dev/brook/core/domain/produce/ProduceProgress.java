package dev.brook.core.domain.produce;

import java.util.Locale;

/**
 * One progress report of the producer, made about once per second.
 *
 * @param elapsedNanos    since the producer started
 * @param published       events handed to the publisher so far
 * @param acknowledged    events the broker confirmed
 * @param inFlight        events handed over but not yet confirmed or failed
 * @param failed          events whose sending failed
 * @param eventsPerSecond publishing rate over the interval since the previous report
 */
public record ProduceProgress(long elapsedNanos, long published, long acknowledged, long inFlight, long failed,
                              double eventsPerSecond) {

    /** {@code progress 12s | 50,012 events/s | total 600,144 | in flight 3,500 | errors 0}. */
    public String toLine() {
        return String.format(Locale.ROOT, "progress %ds | %,.0f events/s | total %,d | in flight %,d | errors %,d",
                Math.round(elapsedNanos / 1e9), eventsPerSecond, published, inFlight, failed);
    }
}
