package dev.brook.adapters.pulsar;

import dev.brook.adapters.pulsar.EnvelopeBatcher.Envelope;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.port.out.PublishFailedException;
import dev.brook.core.domain.port.out.PublisherStats;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.MessageRoutingMode;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes events to Pulsar as envelopes: one message = one Avro {@code EventBatch} of events bound for
 * one partition (see the package documentation for the format and why).
 *
 * <p>{@link #publish} buffers the event in its partition's open envelope; a full envelope, or one whose first
 * event waited {@link PulsarPublisherSettings#maxEnvelopeDelay()} (a timer checks), goes to the sender thread,
 * which encodes it and hands it to Pulsar asynchronously. Envelopes leave in the order they were closed, so
 * each partition receives its events in publishing order; the caller's thread only generates and buffers,
 * while encoding and compression run beside it. At most
 * {@link PulsarPublisherSettings#maxEventsInFlight()} events are buffered or unacknowledged at once:
 * beyond that {@code publish} blocks until acknowledgements free room, so memory stays bounded and
 * nothing is dropped. The first failed send is kept; every later {@code publish} and {@code flush}
 * throws it. {@code publish} may be called from several threads. {@code flush} and {@code close} wait until
 * nothing is in flight, so call them once publishing has stopped: while another thread keeps publishing,
 * there is always something in flight and they keep waiting.
 */
public final class PulsarEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarEventPublisher.class);

    private final PulsarConnection connection;
    private final PulsarPublisherSettings settings;
    private final PulsarClient client;
    private final Producer<byte[]> producer;
    private final EnvelopeBatcher batcher;
    /** Used by the sender thread only: the Avro codec's {@code encodeBatch}, or a test's stand-in. */
    private final Function<List<Event>, byte[]> encoder;
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore room;
    private final ScheduledExecutorService timer;
    /** Closed envelopes in closing order; bounded by {@link #room} (every queued event holds a permit). */
    private final BlockingQueue<Envelope> outbox = new LinkedBlockingQueue<>();
    private final Thread sender;
    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder envelopesSent = new LongAdder();
    private final AtomicReference<PublishFailedException> failure = new AtomicReference<>();
    private volatile boolean closed;

    private PulsarEventPublisher(PulsarConnection connection, PulsarPublisherSettings settings, PulsarClient client,
                                 Producer<byte[]> producer, int partitions, Function<List<Event>, byte[]> encoder) {
        this.connection = connection;
        this.encoder = encoder;
        this.settings = settings;
        this.client = client;
        this.producer = producer;
        this.batcher = new EnvelopeBatcher(partitions, settings.maxEventsPerEnvelope());
        this.room = new Semaphore(settings.maxEventsInFlight());
        long tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), settings.maxEnvelopeDelay().toNanos() / 2);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brook-pulsar-envelope-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> sendDue(tickNanos), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        this.sender = new Thread(this::sendLoop, "brook-pulsar-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Connects and creates the producer (registering the {@code EventBatch} schema on the topic).
     *
     * @throws PublishFailedException naming the broker, the topic and the cause when that fails within
     *                                {@link PulsarPublisherSettings#operationTimeout()}
     */
    public static PulsarEventPublisher connect(PulsarConnection connection, PulsarPublisherSettings settings) {
        return connect(connection, settings, new AvroEventCodec()::encodeBatch);
    }

    /** {@link #connect(PulsarConnection, PulsarPublisherSettings)} with envelopes encoded by {@code encoder} (tests). */
    static PulsarEventPublisher connect(PulsarConnection connection, PulsarPublisherSettings settings,
                                        Function<List<Event>, byte[]> encoder) {
        Duration timeout = settings.operationTimeout();
        long began = System.nanoTime();
        PulsarClient client = null;
        try {
            client = PulsarClient.builder()
                    .serviceUrl(connection.serviceUrl())
                    .operationTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .connectionTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .lookupTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build();
            long clientReady = System.nanoTime();
            int partitions = client.getPartitionsForTopic(settings.topic()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            long lookedUp = System.nanoTime();
            Producer<byte[]> producer = client.newProducer(EventBatchSchema.INSTANCE)
                    .topic(settings.topic())
                    // Off: the Flink connector loses parts of Pulsar batches on restore (FLINK-36180). Envelopes are
                    // Brook's batches, and a message is the atomic unit the connector handles correctly.
                    .enableBatching(false)
                    .compressionType(switch (settings.compression()) {
                        case LZ4 -> CompressionType.LZ4;
                        case NONE -> CompressionType.NONE;
                    })
                    .messageRoutingMode(MessageRoutingMode.CustomPartition)
                    .messageRouter(new SourceKeyRouter(partitions))
                    .blockIfQueueFull(true)
                    .maxPendingMessages(settings.maxEventsInFlight())
                    .sendTimeout((int) settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .createAsync()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long ready = System.nanoTime();
            LOG.info("Publishing to {} ({} partition{}) at {}: envelopes of ≤ {} events / {} ms, ≤ {} events in flight;"
                            + " connected in {} ms (client {} ms, topic lookup {} ms, producer {} ms)",
                    settings.topic(), partitions, partitions == 1 ? "" : "s", connection.serviceUrl(),
                    settings.maxEventsPerEnvelope(), settings.maxEnvelopeDelay().toMillis(), settings.maxEventsInFlight(),
                    millis(ready - began), millis(clientReady - began), millis(lookedUp - clientReady), millis(ready - lookedUp));
            return new PulsarEventPublisher(connection, settings, client, producer, partitions, encoder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(client);
            throw failure(connection, settings, "was interrupted while connecting", e);
        } catch (TimeoutException e) {
            closeQuietly(client);
            throw failure(connection, settings, "could not connect within " + timeout.toMillis() + " ms (is a broker"
                    + " running there?)", e);
        } catch (ExecutionException | PulsarClientException | RuntimeException e) {
            closeQuietly(client);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw failure(connection, settings, "could not create a producer: " + describe(cause), cause);
        }
    }

    @Override
    public void publish(Event event) throws InterruptedException {
        throwIfFailedOrClosed();
        room.acquire();
        lock.lock();
        try {
            published.increment();
            Envelope full = batcher.add(event, System.nanoTime());
            if (full != null) {
                outbox.add(full);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws InterruptedException {
        lock.lock();
        try {
            outbox.addAll(batcher.drainAll());
        } finally {
            lock.unlock();
        }
        // All permits back = nothing buffered, queued or unacknowledged.
        room.acquire(settings.maxEventsInFlight());
        room.release(settings.maxEventsInFlight());
        PublishFailedException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public PublisherStats stats() {
        // Acknowledged and failed first: read after them, published can only be larger, keeping the stats consistent.
        long acked = acknowledged.sum();
        long lost = failed.sum();
        return new PublisherStats(published.sum(), acked, lost);
    }

    /** Messages (envelopes) sent so far. */
    public long envelopesSent() {
        return envelopesSent.sum();
    }

    public PulsarPublisherSettings settings() {
        return settings;
    }

    /** Flushes (waiting for every acknowledgement), then closes the producer and the client. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while flushing before close; {} events were still in flight", stats().inFlight());
        } catch (PublishFailedException e) {
            LOG.warn("Closing after a failed send: {}", e.getMessage());
        } finally {
            closed = true;
            timer.shutdownNow();
            sender.interrupt();
            try {
                producer.close();
            } catch (PulsarClientException e) {
                LOG.warn("Closing the producer of {} failed: {}", settings.topic(), e.getMessage());
            }
            closeQuietly(client);
            PublisherStats last = stats();
            LOG.info("Publisher closed: {} events published, {} acknowledged, {} failed, in {} envelopes",
                    last.published(), last.acknowledged(), last.failed(), envelopesSent());
        }
    }

    private void sendDue(long minAgeNanos) {
        if (!lock.tryLock()) {
            return; // the publishing thread holds it for a microsecond; the next tick catches up
        }
        try {
            // Queued under the lock: an envelope the publisher closes next for the same partition must follow it.
            outbox.addAll(batcher.drainOlderThan(System.nanoTime(), minAgeNanos));
        } finally {
            lock.unlock();
        }
    }

    /** The sender thread: encodes queued envelopes in order and hands them to the producer without waiting. */
    private void sendLoop() {
        while (true) {
            Envelope envelope;
            try {
                envelope = outbox.take();
            } catch (InterruptedException closing) {
                return;
            }
            send(envelope);
        }
    }

    private void send(Envelope envelope) {
        int events = envelope.events().size();
        CompletableFuture<?> sent;
        try {
            byte[] bytes = encoder.apply(envelope.events());
            sent = producer.newMessage().key(envelope.key().value()).value(bytes).sendAsync();
        } catch (RuntimeException | Error e) {
            // An Error too (out of memory, a broken class path): were this thread to die, the envelopes queued behind
            // it would hold their permits for good and flush() would wait for ever. The failure is kept and thrown.
            sent = CompletableFuture.failedFuture(e);
        }
        envelopesSent.increment();
        sent.whenComplete((id, error) -> {
            try {
                if (error == null) {
                    acknowledged.add(events);
                } else {
                    failed.add(events);
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (failure.compareAndSet(null, failure(connection, settings, "failed to send an envelope of " + events
                            + " events: " + describe(cause), cause))) {
                        LOG.error(failure.get().getMessage());
                    }
                }
            } finally {
                room.release(events);
            }
        });
    }

    private void throwIfFailedOrClosed() {
        PublishFailedException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        if (closed) {
            throw new IllegalStateException("the publisher to " + settings.topic() + " is closed");
        }
    }

    private static PublishFailedException failure(PulsarConnection connection, PulsarPublisherSettings settings,
                                                  String what, Throwable cause) {
        return new PublishFailedException("Publishing to topic " + settings.topic() + " at " + connection.serviceUrl()
                + " " + what, cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static void closeQuietly(PulsarClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (PulsarClientException e) {
                LOG.debug("Closing the Pulsar client failed", e);
            }
        }
    }
}
