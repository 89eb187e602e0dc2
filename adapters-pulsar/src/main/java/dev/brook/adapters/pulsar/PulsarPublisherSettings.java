package dev.brook.adapters.pulsar;

import java.time.Duration;

/**
 * How {@link PulsarEventPublisher} batches and bounds its work.
 *
 * @param topic                topic to publish to; partitioned or not
 * @param maxEventsPerEnvelope an envelope (one Pulsar message) is sent when it holds this many events
 * @param maxEnvelopeDelay     … or when its first event has waited this long
 * @param maxEventsInFlight    events handed over but not yet acknowledged, buffered ones included; beyond
 *                             it {@code publish} blocks (backpressure)
 * @param sendTimeout          a message not acknowledged within this time fails (0 = wait for ever)
 * @param operationTimeout     bound on connecting, topic lookups and producer creation
 * @param compression          how each envelope is compressed on the wire (the spec: LZ4)
 */
public record PulsarPublisherSettings(String topic, int maxEventsPerEnvelope, Duration maxEnvelopeDelay,
                                      int maxEventsInFlight, Duration sendTimeout, Duration operationTimeout,
                                      Compression compression) {

    /** Message compression: LZ4 (the spec's choice; about 1.6x on events) or none (spends no CPU on it). */
    public enum Compression { LZ4, NONE }

    /** The spec's topic. */
    public static final String DEFAULT_TOPIC = "persistent://public/default/event-stream-data";
    /** Envelopes stay far below Pulsar's 5 MB message limit (an event is ~200 bytes). */
    public static final int MAX_EVENTS_PER_ENVELOPE_LIMIT = 10_000;

    public PulsarPublisherSettings {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is missing: give one like " + DEFAULT_TOPIC);
        }
        if (maxEventsPerEnvelope < 1 || maxEventsPerEnvelope > MAX_EVENTS_PER_ENVELOPE_LIMIT) {
            throw new IllegalArgumentException("max events per envelope " + maxEventsPerEnvelope + " must be within 1.."
                    + MAX_EVENTS_PER_ENVELOPE_LIMIT);
        }
        if (maxEnvelopeDelay == null || maxEnvelopeDelay.isNegative() || maxEnvelopeDelay.isZero()
                || maxEnvelopeDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("max envelope delay " + maxEnvelopeDelay + " must be > 0 and ≤ 10 s");
        }
        if (maxEventsInFlight < maxEventsPerEnvelope) {
            throw new IllegalArgumentException("max events in flight " + maxEventsInFlight
                    + " must be at least max events per envelope (" + maxEventsPerEnvelope + ")");
        }
        if (sendTimeout == null || sendTimeout.isNegative()) {
            throw new IllegalArgumentException("send timeout " + sendTimeout + " must be ≥ 0 (0 = no timeout)");
        }
        if (!sendTimeout.isZero()) {
            requireWholeMillisWithinADay("send timeout", sendTimeout);
        }
        if (operationTimeout == null || operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("operation timeout " + operationTimeout + " must be > 0");
        }
        requireWholeMillisWithinADay("operation timeout", operationTimeout);
        if (compression == null) {
            throw new IllegalArgumentException("compression is missing: LZ4 or NONE");
        }
    }

    /** Pulsar's client takes its timeouts as whole milliseconds in an int: less than 1 ms would mean none at all. */
    private static void requireWholeMillisWithinADay(String name, Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " " + timeout + " must be within 1 ms and 1 day (e.g. PT30S)");
        }
    }

    /** 500 events or 10 ms per envelope, 50,000 events in flight, 30 s send and 15 s operation timeouts, LZ4. */
    public static PulsarPublisherSettings defaults(String topic) {
        return new PulsarPublisherSettings(topic, 500, Duration.ofMillis(10), 50_000, Duration.ofSeconds(30),
                Duration.ofSeconds(15), Compression.LZ4);
    }

    public static PulsarPublisherSettings defaults() {
        return defaults(DEFAULT_TOPIC);
    }

    public PulsarPublisherSettings withTopic(String newTopic) {
        return new PulsarPublisherSettings(newTopic, maxEventsPerEnvelope, maxEnvelopeDelay, maxEventsInFlight,
                sendTimeout, operationTimeout, compression);
    }

    public PulsarPublisherSettings withEnvelope(int maxEvents, Duration maxDelay) {
        return new PulsarPublisherSettings(topic, maxEvents, maxDelay, Math.max(maxEventsInFlight, maxEvents),
                sendTimeout, operationTimeout, compression);
    }

    public PulsarPublisherSettings withOperationTimeout(Duration timeout) {
        return new PulsarPublisherSettings(topic, maxEventsPerEnvelope, maxEnvelopeDelay, maxEventsInFlight,
                sendTimeout, timeout, compression);
    }

    public PulsarPublisherSettings withCompression(Compression newCompression) {
        return new PulsarPublisherSettings(topic, maxEventsPerEnvelope, maxEnvelopeDelay, maxEventsInFlight, sendTimeout,
                operationTimeout, newCompression);
    }
}
