package dev.brook.core.domain.ratelimit;

import dev.brook.core.domain.time.TimeSource;

/**
 * Paces callers to a target rate: a token bucket holding at most {@code burst} permits, refilled
 * continuously. Each permit moves a theoretical schedule forward by exactly 1/rate, so the long-run rate
 * is exact; the caller sleeps only once the schedule runs at least {@link #MIN_SLEEP_NANOS} ahead, which
 * keeps sleeps few and long enough to be honoured (a 20 µs sleep per event at 50,000/s would not be).
 *
 * <p>Not thread-safe: one limiter per producing thread.
 */
public final class TokenBucketRateLimiter {

    static final long MIN_SLEEP_NANOS = 1_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Re-anchor the schedule before permits × nanos-per-permit grows past this (about 11 days). */
    private static final double MAX_NANOS_FROM_ANCHOR = 1e15;

    private final TimeSource time;
    private final double permitsPerSecond;
    private final double nanosPerPermit;
    private final long burstNanos;
    // The schedule is anchor + permits × nanosPerPermit, computed afresh each time: accumulating a double
    // would drift, and an absolute double loses the nanoseconds once nanoTime is large (it has no fixed
    // origin: at 9e18 a double steps by 2,048 ns, more than a permit at 1,000,000/s). Longs are compared
    // by subtraction, so a nanoTime that wraps around is fine too.
    private boolean started;
    private long anchorNanos;
    private long permitsSinceAnchor;

    /**
     * @param permitsPerSecond the target rate, &gt; 0
     * @param burst how many permits may be taken at once after an idle spell, ≥ 1
     */
    public TokenBucketRateLimiter(double permitsPerSecond, int burst, TimeSource time) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("rate " + permitsPerSecond
                    + " must be a positive number of events per second (use unlimited() for no limit)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst " + burst + " must be ≥ 1");
        }
        this.time = time;
        this.permitsPerSecond = permitsPerSecond;
        this.nanosPerPermit = NANOS_PER_SECOND / permitsPerSecond;
        this.burstNanos = (long) Math.min(burst * nanosPerPermit, MAX_NANOS_FROM_ANCHOR);
    }

    /** A limiter at this rate whose burst is 10 ms worth of permits. */
    public static TokenBucketRateLimiter perSecond(double permitsPerSecond, TimeSource time) {
        return new TokenBucketRateLimiter(permitsPerSecond, (int) Math.max(1, permitsPerSecond / 100), time);
    }

    /** A limiter that never waits. */
    public static TokenBucketRateLimiter unlimited() {
        return new TokenBucketRateLimiter();
    }

    /** When the permits taken so far are due. */
    private long schedule() {
        return anchorNanos + (long) (permitsSinceAnchor * nanosPerPermit);
    }

    private TokenBucketRateLimiter() {
        this.time = null;
        this.permitsPerSecond = Double.POSITIVE_INFINITY;
        this.nanosPerPermit = 0;
        this.burstNanos = 0;
    }

    public boolean isUnlimited() {
        return time == null;
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes one permit, waiting if the caller is ahead of the rate. */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /** Takes {@code permits} permits at once, waiting if the caller is ahead of the rate. */
    public void acquire(int permits) throws InterruptedException {
        if (permits < 1) {
            throw new IllegalArgumentException("permits " + permits + " must be ≥ 1");
        }
        if (time == null) {
            return;
        }
        long now = time.nanoTime();
        if (!started || now - schedule() > burstNanos) {
            // Idle (or first call): unused capacity is kept only up to the burst.
            started = true;
            anchorNanos = now - burstNanos;
            permitsSinceAnchor = 0;
        } else if (permitsSinceAnchor * nanosPerPermit > MAX_NANOS_FROM_ANCHOR) {
            anchorNanos = schedule();
            permitsSinceAnchor = 0;
        }
        permitsSinceAnchor += permits;
        long ahead = schedule() - now;
        if (ahead >= MIN_SLEEP_NANOS) {
            time.sleepNanos(ahead);
        }
    }
}
