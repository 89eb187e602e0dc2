package dev.brook.core.domain.port.out;

import dev.brook.core.domain.model.Event;

/**
 * Publishes events to the event stream. Implementations batch and send asynchronously, but bound what
 * is in flight: when the bound is reached {@link #publish(Event)} blocks (backpressure) rather than drop
 * or grow memory.
 */
public interface EventPublisher extends AutoCloseable {

    /**
     * Hands one event over for publishing. Returns once it is buffered; blocks while too much is in flight.
     *
     * @throws PublishFailedException when publishing has failed (the message says where and why)
     */
    void publish(Event event) throws InterruptedException;

    /** Sends everything buffered and waits until every event published so far is acknowledged or failed. */
    void flush() throws InterruptedException;

    /** Counters so far: acknowledged, failed, in flight. */
    PublisherStats stats();

    /** Flushes, then releases the connection; {@link #stats()} afterwards gives the final counts. */
    @Override
    void close();
}
