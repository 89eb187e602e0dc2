package dev.brook.core.domain.produce;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.port.out.PublishFailedException;
import dev.brook.core.domain.port.out.PublisherStats;
import dev.brook.core.domain.testing.FakeTimeSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory publisher for tests: keeps every event, acknowledges on {@link #flush()} (so events are in
 * flight until then), can cost fake time per event and can fail from a given event on.
 */
public final class FakeEventPublisher implements EventPublisher {

    private final List<Event> events = new ArrayList<>();
    private final FakeTimeSource time;
    private final Duration costPerEvent;
    private long failFromEvent = Long.MAX_VALUE;
    private long acknowledged;
    private long failed;
    private int flushes;
    private boolean closed;

    /** A publisher that takes no time. */
    public FakeEventPublisher() {
        this(null, Duration.ZERO);
    }

    /** A publisher that moves {@code time} forward by {@code costPerEvent} for each event. */
    public FakeEventPublisher(FakeTimeSource time, Duration costPerEvent) {
        this.time = time;
        this.costPerEvent = costPerEvent;
    }

    /** From the {@code n}-th event on (1-based), publishing fails. */
    public FakeEventPublisher failingFrom(long n) {
        this.failFromEvent = n;
        return this;
    }

    @Override
    public synchronized void publish(Event event) {
        if (events.size() + 1 >= failFromEvent) {
            failed++;
            throw new PublishFailedException("Publishing to topic fake at fake://broker failed: broker gone", null);
        }
        events.add(event);
        if (time != null && !costPerEvent.isZero()) {
            time.advance(costPerEvent);
        }
    }

    @Override
    public synchronized void flush() {
        flushes++;
        acknowledged = events.size();
    }

    @Override
    public synchronized PublisherStats stats() {
        return new PublisherStats(events.size() + failed, acknowledged, failed);
    }

    @Override
    public synchronized void close() {
        flush();
        closed = true;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized boolean closed() {
        return closed;
    }
}
