package dev.brook.adapters.pulsar;

import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.DeadLetterSink;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

import java.time.Duration;

/**
 * Sets dead letters aside on a Pulsar topic: the payload as it arrived, with origin, reason and time as message
 * properties, kept for {@link #RETENTION} so that they can be inspected and replayed. A letter is stored when
 * {@link #setAside} returns. The topic is set up on connect.
 */
public final class PulsarDeadLetterSink implements DeadLetterSink, AutoCloseable {

    /** As long as the aggregates whose events they are missing from (ClickHouse's TTL). */
    public static final Duration RETENTION = Duration.ofDays(30);
    public static final String ORIGIN = "brook-origin";
    public static final String REASON = "brook-reason";
    public static final String RECEIVED_AT = "brook-received-at-ms";

    private final String topic;
    private final PulsarClient client;
    private final Producer<byte[]> producer;

    private PulsarDeadLetterSink(String topic, PulsarClient client, Producer<byte[]> producer) {
        this.topic = topic;
        this.client = client;
        this.producer = producer;
    }

    public static PulsarDeadLetterSink connect(PulsarConnection connection, String topic) {
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection)) {
            admin.ensureDeadLetterTopic(topic, RETENTION);
        }
        PulsarClient client = null;
        try {
            client = PulsarClient.builder().serviceUrl(connection.serviceUrl()).build();
            Producer<byte[]> producer = client.newProducer(Schema.BYTES).topic(topic).enableBatching(false).create();
            return new PulsarDeadLetterSink(topic, client, producer);
        } catch (PulsarClientException e) {
            if (client != null) {
                client.closeAsync();
            }
            throw new IllegalStateException("cannot open the dead-letter topic " + topic + " at " + connection.serviceUrl()
                    + ": " + e.getMessage() + ". Check that the broker is reachable", e);
        }
    }

    @Override
    public void setAside(DeadLetter letter) {
        try {
            producer.newMessage().value(letter.payload())
                    .property(ORIGIN, letter.origin())
                    .property(REASON, letter.reason())
                    .property(RECEIVED_AT, Long.toString(letter.receivedAtMillis()))
                    .send();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot set " + letter + " aside on " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("closing the dead-letter producer of " + topic + " failed: " + e.getMessage(), e);
        } finally {
            client.closeAsync();
        }
    }
}
