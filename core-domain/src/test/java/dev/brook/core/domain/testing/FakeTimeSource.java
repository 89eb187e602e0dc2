package dev.brook.core.domain.testing;

import dev.brook.core.domain.time.TimeSource;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock for tests: time stands still until a test moves it, and sleeping moves it by exactly the time
 * slept, so pacing and timeout logic runs in microseconds of real time and gives the same answer every run.
 *
 * <p>Wall time ({@link #currentTimeMillis()}) and monotonic time ({@link #nanoTime()}) advance together;
 * {@link #setCurrentTimeMillis(long)} moves only the wall clock, as an NTP step would. Thread-safe.
 */
public final class FakeTimeSource implements TimeSource {

    /** 2024-01-01T00:00:00Z: a fixed, readable default start. */
    public static final long DEFAULT_START_MILLIS = 1_704_067_200_000L;

    private final long startNanos;
    private long elapsedNanos;
    private long wallOffsetMillis;
    private long sleptNanos;
    private long sleepCount;

    /** Wall time starts at {@link #DEFAULT_START_MILLIS}, monotonic time at 0. */
    public FakeTimeSource() {
        this(DEFAULT_START_MILLIS, 0);
    }

    public FakeTimeSource(long startMillis) {
        this(startMillis, 0);
    }

    /**
     * @param startMillis wall time at start, epoch milliseconds
     * @param startNanos monotonic time at start; any value, as {@link System#nanoTime()} has no fixed origin
     */
    public FakeTimeSource(long startMillis, long startNanos) {
        this.startNanos = startNanos;
        this.wallOffsetMillis = startMillis;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return wallOffsetMillis + elapsedMillis();
    }

    @Override
    public synchronized long nanoTime() {
        return startNanos + elapsedNanos; // wraps like System.nanoTime may; callers compare differences
    }

    /** Advances both clocks by {@code nanos} (nothing for ≤ 0), like a sleep that wakes exactly on time. */
    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while sleeping on the fake clock");
        }
        synchronized (this) {
            sleepCount++;
            if (nanos > 0) {
                sleptNanos += nanos;
                advanceNanos(nanos);
            }
        }
    }

    /** Moves both clocks forward, as time passing without anyone sleeping. */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; cannot advance by " + duration);
        }
        advanceNanos(duration.toNanos());
    }

    public synchronized void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    private void advanceNanos(long delta) {
        elapsedNanos += delta;
    }

    /** Sets the wall clock (jumps either way); monotonic time is untouched. */
    public synchronized void setCurrentTimeMillis(long millis) {
        wallOffsetMillis = millis - elapsedMillis();
    }

    public synchronized void setCurrentTime(Instant instant) {
        setCurrentTimeMillis(instant.toEpochMilli());
    }

    /** Total time callers have slept on this clock. */
    public synchronized long sleptNanos() {
        return sleptNanos;
    }

    /** How many times {@link #sleepNanos(long)} was called. */
    public synchronized long sleepCount() {
        return sleepCount;
    }

    private long elapsedMillis() {
        return elapsedNanos / 1_000_000L;
    }

    @Override
    public synchronized String toString() {
        return "FakeTimeSource{" + Instant.ofEpochMilli(currentTimeMillis()) + ", nanoTime=" + nanoTime() + "}";
    }
}
