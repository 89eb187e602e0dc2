package dev.brook.core.domain.produce;

import java.util.Locale;
import java.util.Optional;

/**
 * How a producer run ended.
 *
 * @param outcome             why it ended
 * @param published           events handed to the publisher
 * @param acknowledged        events the broker confirmed (after the final flush)
 * @param failed              events whose sending failed
 * @param elapsedNanos        from the first event to the end of the final flush
 * @param lastEventTimeMillis the latest event time published (the start time if none was)
 * @param failure             what went wrong, when the outcome is {@link Outcome#FAILED}
 */
public record ProduceSummary(Outcome outcome, long published, long acknowledged, long failed, long elapsedNanos,
                             long lastEventTimeMillis, Optional<String> failure) {

    public enum Outcome {
        /** The count or duration was reached and every event is acknowledged. */
        COMPLETED,
        /** Stopped on request; what was published is acknowledged. */
        STOPPED,
        /** Publishing failed; {@link #failure()} says why. */
        FAILED
    }

    public ProduceSummary {
        if (outcome == null || failure == null) {
            throw new IllegalArgumentException("a summary needs an outcome and a failure (or none)");
        }
        if (outcome == Outcome.FAILED && failure.isEmpty()) {
            throw new IllegalArgumentException("a failed run must say why");
        }
    }

    /** Average rate over the whole run. */
    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : published * 1e9 / elapsedNanos;
    }

    public boolean succeeded() {
        return outcome != Outcome.FAILED;
    }

    /** {@code summary COMPLETED: 1,000,000 published, 1,000,000 acknowledged, 0 failed in 12.3 s (81,300 events/s)}. */
    public String toLine() {
        return String.format(Locale.ROOT, "summary %s: %,d published, %,d acknowledged, %,d failed in %.1f s (%,.0f events/s)%s",
                outcome, published, acknowledged, failed, elapsedNanos / 1e9, eventsPerSecond(),
                failure.map(reason -> " — " + reason).orElse(""));
    }
}
