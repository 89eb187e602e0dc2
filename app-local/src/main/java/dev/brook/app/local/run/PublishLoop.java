package dev.brook.app.local.run;

import dev.brook.app.local.settings.RunLimit;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.ratelimit.TokenBucketRateLimiter;
import dev.brook.core.domain.time.TimeSource;

import java.util.function.BooleanSupplier;

/**
 * Publishes the generator's events in order, paced by the limiter, until the limit is reached or a stop is
 * asked for. One thread: the published events are exactly the generator's first N, which is what
 * {@code generate} writes for the same settings.
 */
final class PublishLoop {

    /** What was published: how many events and the latest event time among them. */
    record Outcome(long published, long lastEventTimeMillis, long elapsedNanos) {
        double eventsPerSecond() {
            return elapsedNanos == 0 ? 0 : published * 1e9 / elapsedNanos;
        }
    }

    private PublishLoop() {
    }

    static Outcome run(EventGenerator generator, TokenBucketRateLimiter limiter, EventPublisher publisher, RunLimit limit,
                       BooleanSupplier stopRequested, BooleanSupplier mustAbort, TimeSource time) throws InterruptedException {
        long began = time.nanoTime();
        long maxEvents = limit instanceof RunLimit.Count count ? count.events() : Long.MAX_VALUE;
        long deadline = limit instanceof RunLimit.Elapsed elapsed ? began + elapsed.duration().toNanos() : Long.MAX_VALUE;
        long published = 0;
        long lastTime = generator.settings().startTimeMillis();
        while (published < maxEvents) {
            // Checked every 256 events: cheap enough, and well within a millisecond at any rate.
            if ((published & 0xFF) == 0 && (stopRequested.getAsBoolean() || mustAbort.getAsBoolean()
                    || time.nanoTime() - deadline >= 0 && deadline != Long.MAX_VALUE)) {
                break;
            }
            limiter.acquire();
            Event event = generator.next();
            publisher.publish(event);
            lastTime = Math.max(lastTime, event.eventTimeMillis());
            published++;
        }
        return new Outcome(published, lastTime, time.nanoTime() - began);
    }
}
