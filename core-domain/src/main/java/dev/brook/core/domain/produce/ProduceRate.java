package dev.brook.core.domain.produce;

import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.ratelimit.TokenBucketRateLimiter;
import dev.brook.core.domain.time.TimeSource;

import java.util.Locale;

/**
 * How fast the producer publishes: events per second, or {@link #MAX} (as fast as the publisher takes them).
 *
 * @param eventsPerSecond the target rate, or positive infinity for {@code max}
 */
public record ProduceRate(double eventsPerSecond) {

    /** Upper bound of a numeric rate; beyond it {@code max} is the honest setting. */
    public static final double LIMIT = 100_000_000;
    public static final ProduceRate MAX = new ProduceRate(Double.POSITIVE_INFINITY);

    public ProduceRate {
        if (eventsPerSecond != Double.POSITIVE_INFINITY && !(eventsPerSecond > 0 && eventsPerSecond <= LIMIT)) {
            throw new IllegalArgumentException("rate " + eventsPerSecond + " must be a number of events per second above 0 and at most "
                    + (long) LIMIT + ", or 'max'");
        }
    }

    public static ProduceRate perSecond(double eventsPerSecond) {
        return new ProduceRate(eventsPerSecond);
    }

    /** Parses {@code max} or a positive number such as {@code 1000}, {@code 50_000} or {@code 2.5e4}. */
    public static ProduceRate parse(String text) {
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
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("rate '" + text + "' must be a finite number of events per second, or 'max'");
        }
        return new ProduceRate(value);
    }

    public boolean isMax() {
        return eventsPerSecond == Double.POSITIVE_INFINITY;
    }

    /**
     * The pace of event time for the generator: this rate, so event times follow the wall clock; for
     * {@code max} the spec's 50,000/s, so they do not depend on how fast the machine is.
     */
    public double eventTimeRate() {
        return isMax() ? GeneratorSettings.DEFAULT_EVENT_TIME_RATE : eventsPerSecond;
    }

    /** A limiter pacing one thread to this rate; for {@code max} one that never waits. */
    public TokenBucketRateLimiter limiter(TimeSource time) {
        return isMax() ? TokenBucketRateLimiter.unlimited() : TokenBucketRateLimiter.perSecond(eventsPerSecond, time);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : String.format(Locale.ROOT, "%,.0f/s", eventsPerSecond);
    }
}
