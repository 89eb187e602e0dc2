package dev.brook.adapters.pulsar;

import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.PublishFailedException;
import dev.brook.core.domain.port.out.PublisherStats;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.common.naming.TopicName;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Publishes seeded events through {@link PulsarEventPublisher} and reads them back with a plain Pulsar
 * consumer using the topic's registered schema. Each partition's messages must be exactly the generated
 * events that map to that partition, in generation order and equal field by field: that is the exact
 * count, per-source order and every value at once. Subclasses say which broker.
 */
abstract class PublishRoundTripScenarios {

    private static final long START_MILLIS = 1_704_067_200_000L;

    protected abstract PulsarConnection connection();

    @Test
    void aMillionEventsOnFourPartitionsComeBackExactlyAndInOrder() throws Exception {
        roundTrip(uniqueTopic("million"), 4, 1_000_000, 42L);
    }

    @Test
    void aNonPartitionedTopicKeepsEveryEventInOrder() throws Exception {
        roundTrip(uniqueTopic("single"), 0, 50_000, 7L);
    }

    @Test
    void topicSetUpIsIdempotentWithTheSpecRetentionAndTheEventBatchSchema() {
        String topic = uniqueTopic("admin");
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            admin.ensureTopic(topic, 3);
            admin.ensureTopic(topic, 3);

            assertThat(admin.partitionsOf(topic)).isEqualTo(3);
            assertThat(admin.retentionOf(topic)).isEqualTo(Duration.ofDays(7));
            assertThat(admin.deduplicates(topic)).isTrue();
            assertThat(admin.schemaOf(topic).getType()).isEqualTo(SchemaType.AVRO);
            assertThat(admin.schemaOf(topic).getSchemaDefinition()).contains("\"EventBatch\"", "\"source_id\"");
            assertThatThrownBy(() -> admin.ensureTopic(topic, 5))
                    .hasMessageContaining(topic).hasMessageContaining("exists with 3 partition(s), not 5");
        }
    }

    @Test
    void theBrokerDropsAResendOfAMessageItStoredAlready() throws Exception {
        String topic = uniqueTopic("resend");
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            admin.ensureTopic(topic, 0);
        }
        try (PulsarClient client = PulsarClient.builder().serviceUrl(connection().serviceUrl()).build();
             Consumer<byte[]> consumer = client.newConsumer(EventBatchSchema.INSTANCE).topic(topic).subscriptionName("resend")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            try (var producer = client.newProducer(EventBatchSchema.INSTANCE).topic(topic).enableBatching(false).create()) {
                // What a producer does after its connection dropped before the broker's acknowledgement arrived.
                producer.newMessage().sequenceId(1).value(new byte[] {1}).send();
                producer.newMessage().sequenceId(1).value(new byte[] {1}).send();
                producer.newMessage().sequenceId(2).value(new byte[] {2}).send();
            }
            assertThat(consumer.receive(10, TimeUnit.SECONDS).getValue()).containsExactly(1);
            assertThat(consumer.receive(10, TimeUnit.SECONDS).getValue()).as("the resend of 1 is dropped").containsExactly(2);
            assertThat(consumer.receive(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void deadLettersAreKeptWithTheirBytesOriginReasonAndTime() throws Exception {
        String topic = uniqueTopic("dead-letters");
        byte[] garbage = {(byte) 0xff, 0, (byte) 0x80, 42};
        DeadLetter malformed = new DeadLetter("events-partition-1@3:7:-1", garbage, "truncated EventBatch", 1_704_067_200_123L);
        DeadLetter late = new DeadLetter("events-partition-0@3:9:-1", new byte[] {1, 2}, "late by 61 s", 1_704_067_260_000L);
        try (PulsarDeadLetterSink sink = PulsarDeadLetterSink.connect(connection(), topic)) {
            sink.setAside(malformed);
        }
        try (PulsarDeadLetterSink again = PulsarDeadLetterSink.connect(connection(), topic)) {
            again.setAside(late);
        }
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            assertThat(admin.retentionOf(topic)).isEqualTo(PulsarDeadLetterSink.RETENTION);
        }
        try (PulsarClient client = PulsarClient.builder().serviceUrl(connection().serviceUrl()).build();
             Consumer<byte[]> consumer = client.newConsumer(Schema.BYTES).topic(topic).subscriptionName("inspect")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            for (DeadLetter expected : List.of(malformed, late)) {
                Message<byte[]> message = consumer.receive(10, TimeUnit.SECONDS);
                assertThat(message).as(expected.toString()).isNotNull();
                assertThat(new DeadLetter(message.getProperty(PulsarDeadLetterSink.ORIGIN), message.getValue(),
                        message.getProperty(PulsarDeadLetterSink.REASON),
                        Long.parseLong(message.getProperty(PulsarDeadLetterSink.RECEIVED_AT)))).isEqualTo(expected);
            }
            assertThat(consumer.receive(1, TimeUnit.SECONDS)).isNull();
        }
    }

    /**
     * An Error while an envelope is encoded (out of memory, say) is the publisher's failure, thrown by flush and
     * publish: the sender thread goes on, so the envelopes queued behind it free their room and flush returns.
     */
    @Test
    void anErrorWhileSendingIsThrownAsTheFailureInsteadOfStallingFlush() throws Exception {
        String topic = uniqueTopic("sender-error");
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            admin.ensureTopic(topic, 2);
        }
        AvroEventCodec codec = new AvroEventCodec();
        AtomicInteger envelopes = new AtomicInteger();
        Function<List<Event>, byte[]> failingThird = events -> {
            if (envelopes.incrementAndGet() == 3) {
                throw new OutOfMemoryError("simulated: no room to encode an envelope");
            }
            return codec.encodeBatch(events);
        };
        EventGenerator generator = new EventGenerator(new GeneratorSettings(5, 1_000, DomainProfiles.byName("iot"), START_MILLIS,
                GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 0));
        PulsarEventPublisher publisher = PulsarEventPublisher.connect(connection(), PulsarPublisherSettings.defaults(topic),
                failingThird);
        // Closing flushes too: inside the time limit, so a stalled flush fails the test (interrupted) instead of hanging it.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (publisher) {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        publisher.publish(generator.next());
                    }
                    publisher.flush();
                }).isInstanceOf(PublishFailedException.class).hasMessageContaining("simulated: no room to encode an envelope")
                        .hasMessageContaining(topic);
                assertThatThrownBy(publisher::flush).isInstanceOf(PublishFailedException.class);
            }
        });
        assertThat(envelopes.get()).isGreaterThan(3);
        assertThat(publisher.stats().failed()).isPositive();
        assertThat(publisher.stats().inFlight()).isZero();
    }

    @Test
    void aShortTopicNameIsSetUpAsItsFullNameAndAgainWithoutAConflict() {
        String full = uniqueTopic("short");
        String shortName = full.substring(full.lastIndexOf('/') + 1);
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            admin.ensureTopic(shortName, 2);
            admin.ensureTopic(shortName, 2);
            admin.ensureTopic(full, 2);

            assertThat(admin.partitionsOf(full)).isEqualTo(2);
        }
    }

    private void roundTrip(String topic, int partitions, int count, long seed) throws Exception {
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection())) {
            admin.ensureTopic(topic, partitions);
        }
        GeneratorSettings generated = new GeneratorSettings(seed, 10_000, DomainProfiles.byName("iot"), START_MILLIS,
                GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 2_000);
        try (PulsarClient client = PulsarClient.builder().serviceUrl(connection().serviceUrl()).build();
             Consumer<GenericRecord> consumer = client.newConsumer(Schema.AUTO_CONSUME())
                     .topic(topic)
                     .subscriptionName("round-trip")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                     .receiverQueueSize(500)
                     .subscribe()) {
            long began = System.nanoTime();
            PublisherStats stats = publish(topic, generated, count);
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("%s: published %,d events in %.1f s (%,.0f events/s)%n", topic, count, seconds, count / seconds);
            assertThat(stats.acknowledged()).isEqualTo(count);
            assertThat(stats.failed()).isZero();

            began = System.nanoTime();
            int received = readBackAndCompare(consumer, generated, Math.max(partitions, 1), count);
            System.out.printf("%s: read back and compared %,d events in %.1f s%n", topic, received,
                    (System.nanoTime() - began) / 1e9);
            assertThat(received).isEqualTo(count);
            assertThat(consumer.receive(1, TimeUnit.SECONDS)).as("nothing beyond the published events").isNull();
        }
    }

    private PublisherStats publish(String topic, GeneratorSettings generated, int count) throws InterruptedException {
        EventGenerator generator = new EventGenerator(generated);
        PulsarEventPublisher publisher = PulsarEventPublisher.connect(connection(), PulsarPublisherSettings.defaults(topic));
        try (publisher) {
            for (int i = 0; i < count; i++) {
                publisher.publish(generator.next());
            }
            publisher.flush();
        }
        return publisher.stats();
    }

    /** One generator per partition replays what that partition must hold, skipping other partitions' events. */
    private static int readBackAndCompare(Consumer<GenericRecord> consumer, GeneratorSettings generated, int partitions,
                                          int count) throws Exception {
        Map<Integer, EventGenerator> expected = new HashMap<>();
        Map<Integer, Integer> produced = new HashMap<>();
        int received = 0;
        while (received < count) {
            Message<GenericRecord> message = consumer.receive(30, TimeUnit.SECONDS);
            if (message == null) {
                fail("only " + received + " of " + count + " events arrived within 30 s of the last one");
            }
            int partition = Math.max(TopicName.get(message.getTopicName()).getPartitionIndex(), 0);
            List<Event> events = AvroConsumedEvents.of(message.getValue());
            assertThat(SourcePartitioner.partitionOfKey(message.getKey(), partitions)).isEqualTo(partition);
            EventGenerator replay = expected.computeIfAbsent(partition, p -> new EventGenerator(generated));
            for (Event event : events) {
                assertThat(SourcePartitioner.partitionOf(event.sourceId(), partitions))
                        .as("partition of %s", event.sourceId()).isEqualTo(partition);
                Event next = nextFor(replay, partition, partitions, produced, count);
                if (!event.equals(next)) {
                    fail("partition " + partition + ", event #" + produced.get(partition) + " differs:\n got      "
                            + event + "\n expected " + next);
                }
                received++;
            }
        }
        return received;
    }

    private static Event nextFor(EventGenerator replay, int partition, int partitions, Map<Integer, Integer> produced,
                                 int count) {
        while (replay.generated() < count) {
            Event candidate = replay.next();
            if (SourcePartitioner.partitionOf(candidate.sourceId(), partitions) == partition) {
                produced.merge(partition, 1, Integer::sum);
                return candidate;
            }
        }
        throw new AssertionError("partition " + partition + " received more events than were published for it");
    }

    private static String uniqueTopic(String name) {
        return "persistent://public/default/it-" + name + "-" + Long.toString(System.nanoTime(), 36);
    }
}
