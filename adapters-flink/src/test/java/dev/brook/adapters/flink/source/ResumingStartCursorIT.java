package dev.brook.adapters.flink.source;

import dev.brook.adapters.flink.testing.SharedEmbeddedBroker;
import dev.brook.pulsar.embedded.EmbeddedPulsar;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's start cursor on an embedded broker, applied as the connector's enumerator applies it on a start
 * without a checkpoint ({@code CursorPosition.setupSubPosition}: subscribe, then seek).
 */
class ResumingStartCursorIT {

    private static final String SUBSCRIPTION = "flink-consumer";

    private static EmbeddedPulsar broker;
    private static PulsarClient client;
    private static PulsarAdmin admin;

    @BeforeAll
    static void connect() throws Exception {
        broker = SharedEmbeddedBroker.get();
        client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build();
        admin = PulsarAdmin.builder().serviceHttpUrl(broker.httpUrl()).build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void anExistingSubscriptionGoesOnFromItsFirstUnacknowledgedMessageWhereAPlainCursorWouldGoBack() throws Exception {
        String topic = partitionedTopic(2);
        String partition = new TopicPartition(topic, 1).getFullTopicName();
        publish(partition, 0, 10);
        readAndAcknowledge(partition, 6);

        start(new ResumingStartCursor(broker.httpUrl(), SUBSCRIPTION, StartCursor.earliest()), topic, 1);
        assertThat(next(partition)).isEqualTo("m6");

        start(StartCursor.earliest(), topic, 1);
        assertThat(next(partition)).as("the connector's own cursor re-reads what was acknowledged").isEqualTo("m0");
    }

    @Test
    void aSubscriptionThatReadItsLedgerToTheEndGoesOnInTheNextLedger() throws Exception {
        String topic = partitionedTopic(1);
        String partition = new TopicPartition(topic, 0).getFullTopicName();
        publish(partition, 0, 10);
        readAndAcknowledge(partition, 10);
        admin.topics().unload(partition); // the ledger closes; the next publish opens a new one
        publish(partition, 10, 15);

        start(new ResumingStartCursor(broker.httpUrl(), SUBSCRIPTION, StartCursor.latest()), topic, 0);

        assertThat(next(partition)).isEqualTo("m10");
    }

    @Test
    void aNewSubscriptionStartsAtTheConfiguredPosition() throws Exception {
        String earliest = "persistent://public/default/resume-" + UUID.randomUUID();
        admin.topics().createNonPartitionedTopic(earliest);
        publish(earliest, 0, 3);
        start(new ResumingStartCursor(broker.httpUrl(), SUBSCRIPTION, StartCursor.earliest()), earliest, TopicPartition.NON_PARTITION_ID);
        assertThat(next(earliest)).isEqualTo("m0");

        String latest = "persistent://public/default/resume-" + UUID.randomUUID();
        admin.topics().createNonPartitionedTopic(latest);
        publish(latest, 0, 3);
        start(new ResumingStartCursor(broker.httpUrl(), SUBSCRIPTION, StartCursor.latest()), latest, TopicPartition.NON_PARTITION_ID);
        publish(latest, 3, 4);
        assertThat(next(latest)).isEqualTo("m3");
    }

    private static String partitionedTopic(int partitions) throws Exception {
        String topic = "persistent://public/default/resume-" + UUID.randomUUID();
        admin.topics().createPartitionedTopic(topic, partitions);
        return topic;
    }

    /** What the connector's enumerator does with the cursor for a partition it has no checkpoint of. */
    private static void start(StartCursor cursor, String topic, int partitionId) throws Exception {
        cursor.position(topic, partitionId).setupSubPosition(client, new TopicPartition(topic, partitionId).getFullTopicName(), SUBSCRIPTION);
    }

    private static void publish(String topic, int from, int to) throws Exception {
        try (Producer<String> producer = client.newProducer(Schema.STRING).topic(topic).enableBatching(false).create()) {
            for (int i = from; i < to; i++) {
                producer.send("m" + i);
            }
        }
    }

    /** Reads {@code count} messages on the job's subscription and acknowledges them cumulatively, as the source does. */
    private static void readAndAcknowledge(String topic, int count) throws Exception {
        try (Consumer<String> consumer = subscribe(topic)) {
            Message<String> last = null;
            for (int i = 0; i < count; i++) {
                last = consumer.receive(10, TimeUnit.SECONDS);
                assertThat(last).as("message %d of %s", i, topic).isNotNull();
            }
            consumer.acknowledgeCumulative(last);
        }
    }

    /** The next message the job's subscription delivers; it is not acknowledged. */
    private static String next(String topic) throws Exception {
        try (Consumer<String> consumer = subscribe(topic)) {
            Message<String> message = consumer.receive(10, TimeUnit.SECONDS);
            assertThat(message).as("a message on %s", topic).isNotNull();
            return message.getValue();
        }
    }

    private static Consumer<String> subscribe(String topic) throws Exception {
        return client.newConsumer(Schema.STRING).topic(topic).subscriptionName(SUBSCRIPTION)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
    }
}
