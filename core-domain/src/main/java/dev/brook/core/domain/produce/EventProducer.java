package dev.brook.core.domain.produce;

import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.port.out.PublishFailedException;
import dev.brook.core.domain.port.out.PublisherStats;
import dev.brook.core.domain.produce.ProduceSummary.Outcome;
import dev.brook.core.domain.ratelimit.TokenBucketRateLimiter;
import dev.brook.core.domain.time.TimeSource;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The producer loop both apps run: generates events, paces them to the rate, hands them to the publisher
 * until the limit is reached, {@link #stop()} is called or publishing fails; reports progress about once
 * per second; flushes at the end so the summary counts every acknowledgement.
 *
 * <p>One thread runs {@link #run()}; the events published are exactly the generator's first N, in order.
 * {@link #stop()} may be called from any thread (a signal handler, the progress callback).
 */
public final class EventProducer {

    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    /** The pacing wait is slept in slices of at most this: at 0.02 events/s one wait is 50 s, and a stop ends it. */
    static final long STOP_CHECK_NANOS = 100_000_000L;

    private final ProduceSettings settings;
    private final EventPublisher publisher;
    private final TimeSource time;
    private final Consumer<ProduceProgress> progress;
    private volatile boolean stopRequested;

    /**
     * @param progress called from the producing thread about once per second; keep it quick
     */
    public EventProducer(ProduceSettings settings, EventPublisher publisher, TimeSource time,
                         Consumer<ProduceProgress> progress) {
        if (settings == null || publisher == null || time == null || progress == null) {
            throw new IllegalArgumentException("settings, publisher, time source and progress callback are all required");
        }
        this.settings = settings;
        this.publisher = publisher;
        this.time = time;
        this.progress = progress;
    }

    /**
     * Asks the loop to stop after the event it is publishing, or within {@link #STOP_CHECK_NANOS} of a wait for the next
     * event's turn; {@link #run()} then flushes and returns.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Runs the loop to its end. Does not close the publisher (its owner does).
     *
     * @return how it ended; {@link Outcome#FAILED} when publishing failed, never an exception for that
     */
    public ProduceSummary run() {
        EventGenerator generator = new EventGenerator(settings.generator());
        TokenBucketRateLimiter limiter = settings.rate().limiter(time.withSleep(this::sleepUnlessStopped));
        long maxEvents = settings.limit() instanceof ProduceLimit.Count count ? count.events() : Long.MAX_VALUE;
        long began = time.nanoTime();
        long deadline = settings.limit() instanceof ProduceLimit.Elapsed elapsed
                ? began + elapsed.duration().toNanos() : Long.MAX_VALUE;
        long nextReport = began + REPORT_INTERVAL_NANOS;
        long lastReport = began;
        long publishedAtLastReport = 0;
        long published = 0;
        long lastEventTime = settings.generator().startTimeMillis();
        Outcome outcome = Outcome.COMPLETED;
        String failure = null;
        boolean interrupted = false;
        try {
            while (published < maxEvents) {
                long now = time.nanoTime();
                if (stopRequested) {
                    outcome = Outcome.STOPPED;
                    break;
                }
                if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                    break;
                }
                if (now - nextReport >= 0) {
                    report(now - began, published, (published - publishedAtLastReport) * 1e9 / (now - lastReport));
                    lastReport = now;
                    publishedAtLastReport = published;
                    // Skip missed slots (a long stall) rather than report several times at once.
                    nextReport += ((now - nextReport) / REPORT_INTERVAL_NANOS + 1) * REPORT_INTERVAL_NANOS;
                }
                limiter.acquire();
                if (stopRequested) { // the wait for the next event's turn ended early
                    outcome = Outcome.STOPPED;
                    break;
                }
                Event event = generator.next();
                publisher.publish(event);
                lastEventTime = Math.max(lastEventTime, event.eventTimeMillis());
                published++;
            }
        } catch (PublishFailedException e) {
            outcome = Outcome.FAILED;
            failure = e.getMessage();
        } catch (InterruptedException e) {
            // Interrupted = stopped: still flush what was published, then restore the flag for the caller.
            outcome = Outcome.STOPPED;
            interrupted = true;
        }
        try {
            publisher.flush();
        } catch (PublishFailedException e) {
            outcome = Outcome.FAILED;
            failure = failure == null ? e.getMessage() : failure;
        } catch (InterruptedException e) {
            interrupted = true;
            outcome = outcome == Outcome.FAILED ? outcome : Outcome.STOPPED;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        PublisherStats stats = publisher.stats();
        return new ProduceSummary(outcome, published, stats.acknowledged(), stats.failed(), time.nanoTime() - began,
                lastEventTime, Optional.ofNullable(failure));
    }

    /** A pacing sleep, cut short by {@link #stop()}. */
    private void sleepUnlessStopped(long nanos) throws InterruptedException {
        long deadline = time.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !stopRequested; left = deadline - time.nanoTime()) {
            time.sleepNanos(Math.min(left, STOP_CHECK_NANOS));
        }
    }

    private void report(long elapsedNanos, long published, double rate) {
        PublisherStats stats = publisher.stats();
        progress.accept(new ProduceProgress(elapsedNanos, published, stats.acknowledged(), stats.inFlight(),
                stats.failed(), rate));
    }
}
