package dev.brook.core.domain.time;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock port: wall time, monotonic time and sleeping. Production uses {@link #system()}; tests pass a
 * fake that advances when slept on, so pacing and timing logic is tested without real waiting.
 */
public interface TimeSource {

    long currentTimeMillis();

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /** How a {@link #withSleep} time source sleeps. */
    @FunctionalInterface
    interface Sleep {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** This source's clocks, sleeping by {@code sleep} instead (which may sleep on this source). */
    default TimeSource withSleep(Sleep sleep) {
        TimeSource clocks = this;
        return new TimeSource() {
            @Override
            public long currentTimeMillis() {
                return clocks.currentTimeMillis();
            }

            @Override
            public long nanoTime() {
                return clocks.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                sleep.sleepNanos(nanos);
            }
        };
    }

    /** The JVM's clocks. */
    enum SystemTimeSource implements TimeSource {
        INSTANCE;

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            // parkNanos, not Thread.sleep(ms): millisecond sleeps round sub-millisecond waits to nothing.
            long deadline = System.nanoTime() + nanos;
            long left = nanos;
            while (left > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while pacing");
                }
                left = deadline - System.nanoTime();
            }
        }
    }
}
