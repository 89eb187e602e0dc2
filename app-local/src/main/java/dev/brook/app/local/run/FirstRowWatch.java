package dev.brook.app.local.run;

import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds out when the first aggregate row of this run becomes visible in the store, by asking the query
 * port (as a person would) until the number of stored windows grows.
 */
final class FirstRowWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRowWatch.class);

    private final AggregateQueries queries;
    private final long windowsBefore;
    private final TimeSource time;
    private final long pollMillis;
    private final AtomicLong seenAtMillis = new AtomicLong(-1);

    FirstRowWatch(AggregateQueries queries, long windowsBefore, TimeSource time, long pollMillis) {
        this.queries = queries;
        this.windowsBefore = windowsBefore;
        this.time = time;
        this.pollMillis = pollMillis;
    }

    /** Polls until a new row is visible or the thread is interrupted. */
    @Override
    public void run() {
        try {
            while (seenAtMillis.get() < 0) {
                if (checkOnce()) {
                    return;
                }
                time.sleepNanos(pollMillis * 1_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look; true once a row of this run is visible. */
    boolean checkOnce() {
        try {
            if (queries.countAggregates() > windowsBefore) {
                seenAtMillis.compareAndSet(-1, time.currentTimeMillis());
                return true;
            }
        } catch (RuntimeException e) {
            LOG.debug("store not answering yet: {}", e.getMessage());
        }
        return false;
    }

    /** When the first row was seen, epoch milliseconds. */
    Optional<Long> seenAtMillis() {
        long at = seenAtMillis.get();
        return at < 0 ? Optional.empty() : Optional.of(at);
    }
}
