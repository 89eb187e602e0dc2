package dev.brook.app.local.settings;

import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.ratelimit.TokenBucketRateLimiter;
import dev.brook.core.domain.time.TimeSource;

import java.util.Locale;

/**
 * How fast events are published: a number of events per second, or {@code max} (as fast as the pipeline
 * takes them).
 *
 * <p>The rate also sets the pace of event time: event {@code i} is stamped {@code start + i/rate}. With
 * {@code max} the pace is the spec's 50,000 events/s, so the event times do not depend on how fast this
 * machine happens to be — which is what lets {@code generate} reproduce a {@code max} run exactly.
 */
public record PublishRate(double eventsPerSecond) {

    /** Upper bound of a numeric rate; beyond it {@code max} is the honest setting. */
    public static final double LIMIT = 10_000_000;
    public static final PublishRate MAX = new PublishRate(Double.POSITIVE_INFINITY);
    public static final PublishRate SPEC_DEFAULT = new PublishRate(50_000);

    public PublishRate {
        if (eventsPerSecond != Double.POSITIVE_INFINITY && !(eventsPerSecond > 0 && eventsPerSecond <= LIMIT)) {
            throw new IllegalArgumentException("rate " + eventsPerSecond + " must be a number of events per second within 0.."
                    + (long) LIMIT + " (exclusive of 0), or 'max'");
        }
    }

    /** Parses {@code max} or a positive number such as {@code 50000} or {@code 2.5e4}. */
    public static PublishRate parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (trimmed.equals("max")) {
            return MAX;
        }
        double value;
        try {
            value = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text + "' is neither a number of events per second nor 'max'");
        }
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw new IllegalArgumentException("rate '" + text + "' must be a finite number of events per second, or 'max'");
        }
        return new PublishRate(value);
    }

    public boolean isMax() {
        return eventsPerSecond == Double.POSITIVE_INFINITY;
    }

    /** The pace of event time: this rate, or the spec's 50,000/s for {@code max}. */
    public double eventTimeRate() {
        return isMax() ? GeneratorSettings.DEFAULT_EVENT_TIME_RATE : eventsPerSecond;
    }

    /** A limiter that paces publishing to this rate (never waits for {@code max}). */
    public TokenBucketRateLimiter limiter(TimeSource time) {
        return isMax() ? TokenBucketRateLimiter.unlimited() : TokenBucketRateLimiter.perSecond(eventsPerSecond, time);
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return eventsPerSecond == Math.rint(eventsPerSecond) ? String.format(Locale.ROOT, "%.0f", eventsPerSecond)
                : Double.toString(eventsPerSecond);
    }
}
