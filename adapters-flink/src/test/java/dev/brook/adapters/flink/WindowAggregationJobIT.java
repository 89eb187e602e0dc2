package dev.brook.adapters.flink;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.source.DecodedForm;
import dev.brook.adapters.flink.source.MessageDecoder;
import dev.brook.adapters.flink.testing.FailOnceAfterCheckpoint;
import dev.brook.adapters.flink.testing.InMemoryAggregateStore;
import dev.brook.adapters.flink.testing.InMemoryDeadLetters;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.testing.ReferenceAggregation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on a MiniCluster (parallelism 2) with a bounded, checkpointed in-memory source of encoded
 * batches and an idempotent in-memory store keyed by (source, window), as the real store is.
 */
class WindowAggregationJobIT {

    private static final int MESSAGES = 400;
    private static final int EVENTS_PER_MESSAGE = 250;
    private static final int SOURCES = 200;
    private static final double EVENT_TIME_RATE = 2_000; // 100,000 events over 50 s of event time
    private static final long MAX_DISORDER_MILLIS = 500;

    /** Keeps the metrics of finished jobs, so the tests can read the job's counters afterwards. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

    private static final String BAD_INPUT_JOB = "window aggregation with bad input";

    private final String name = UUID.randomUUID().toString();

    @AfterEach
    void dropStores() {
        InMemoryAggregateStore.drop(name);
        InMemoryDeadLetters.drop(name);
    }

    @Test
    void everyWindowIsExactAfterAFailureInMidStreamAndARestoreFromCheckpoint() throws Exception {
        FailOnceAfterCheckpoint.reset();
        WindowAggregationJob job = job(Duration.ZERO);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);

        job.aggregate(job.read(env, source(new Batches(Set.none(), Set.none())))
                .map(new FailOnceAfterCheckpoint<>(60)).returns(BrookTypes.DECODED_MESSAGE));
        env.execute("window aggregation with an injected failure");

        assertThat(FailOnceAfterCheckpoint.hasFailed()).as("the failure was injected").isTrue();
        List<Event> published = publishedEvents(Set.none());
        InMemoryAggregateStore store = InMemoryAggregateStore.named(name);
        assertThat(ReferenceAggregation.totalEvents(store.rows().values())).isEqualTo(published.size());
        assertThat(ReferenceAggregation.differences(ReferenceAggregation.aggregate(published, job.settings().windows()),
                store.rows().values(), 1e-9)).isEmpty();
        assertThat(InMemoryDeadLetters.named(name)).isEmpty();
    }

    @Test
    void malformedMessagesAndLateEventsAreSetAsideAndCountedExactlyWhileTheJobGoesOn() throws Exception {
        Set malformed = new Set(List.of(3L, 77L, 150L, 260L, 333L));
        // Events stamped at the very start, sent near the end of each half of the input: far behind the watermark.
        Set late = new Set(List.of(190L, 390L));
        WindowAggregationJob job = job(Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);

        job.build(env, source(new Batches(malformed, late)));
        env.execute(BAD_INPUT_JOB);

        List<DeadLetter> letters = InMemoryDeadLetters.named(name);
        var byKind = letters.stream().collect(Collectors.groupingBy(l -> l.reason().substring(0, l.reason().indexOf(':')),
                Collectors.counting()));
        assertThat(byKind).containsEntry("malformed", 5L).containsEntry("late", 2L * EVENTS_PER_MESSAGE).hasSize(2);
        // The same figures as Flink metrics (what Prometheus scrapes on a cluster), summed over subtasks.
        long valid = (long) (MESSAGES - 5) * EVENTS_PER_MESSAGE;
        assertThat(counter(BAD_INPUT_JOB, "malformedMessages")).isEqualTo(5);
        assertThat(counter(BAD_INPUT_JOB, "lateEvents")).isEqualTo(2L * EVENTS_PER_MESSAGE);
        assertThat(counter(BAD_INPUT_JOB, "eventsIn")).isEqualTo(valid);
        assertThat(counter(BAD_INPUT_JOB, "deadLetters")).isEqualTo(5 + 2L * EVENTS_PER_MESSAGE);
        List<Event> onTime = publishedEvents(new Set(List.of(3L, 77L, 150L, 260L, 333L, 190L, 390L)));
        var rows = InMemoryAggregateStore.named(name).rows().values();
        assertThat(ReferenceAggregation.totalEvents(rows)).isEqualTo(onTime.size());
        assertThat(ReferenceAggregation.differences(ReferenceAggregation.aggregate(onTime, job.settings().windows()),
                rows, 1e-9)).isEmpty();
        assertThat(counter(BAD_INPUT_JOB, "aggregatesOut")).as("every window written once: no failure, no late firing")
                .isEqualTo(rows.size());
    }

    /** A Brook counter of the job, summed over its subtasks (and restarts, which this test has none of). */
    private static long counter(String jobName, String name) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : METRICS.getMetricsByGroup().entrySet()) {
            String identifier = group.getKey().getMetricIdentifier(name);
            if (group.getValue().get(name) instanceof Counter counter && identifier.contains("." + jobName + ".")
                    && identifier.endsWith(".brook." + name)) {
                sum += counter.getCount();
            }
        }
        return sum;
    }

    private WindowAggregationJob job(Duration allowedLateness) {
        JobSettings settings = JobSettings.builder("pulsar://localhost:6650", "http://localhost:8080")
                .windowSize(Duration.ofSeconds(10))
                .maxOutOfOrderness(Duration.ofMillis(2 * MAX_DISORDER_MILLIS))
                .allowedLateness(allowedLateness)
                .checkpointInterval(Duration.ofMillis(300))
                .parallelism(2)
                .sinkMaxBatchSize(100)
                .restartDelay(Duration.ofMillis(100))
                .build();
        return new WindowAggregationJob(settings, InMemoryAggregateStore.sinkFactory(name), InMemoryDeadLetters.sinkFactory(name));
    }

    private static DataGeneratorSource<DecodedMessage> source(Batches batches) {
        // Throttled so that checkpoints complete while the input is still being read.
        return new DataGeneratorSource<>(batches, MESSAGES, RateLimiterStrategy.perSecond(100), BrookTypes.DECODED_MESSAGE);
    }

    private static List<Event> publishedEvents(Set excluded) {
        List<Event> events = new ArrayList<>();
        for (long i = 0; i < MESSAGES; i++) {
            if (!excluded.contains(i)) {
                events.addAll(eventsOf(i));
            }
        }
        return events;
    }

    private static List<Event> eventsOf(long index) {
        return TestEvents.message(index, EVENTS_PER_MESSAGE, SOURCES, EVENT_TIME_RATE, MAX_DISORDER_MILLIS);
    }

    /** Message indexes; a serializable list. */
    record Set(List<Long> indexes) implements java.io.Serializable {
        static Set none() {
            return new Set(List.of());
        }

        boolean contains(long index) {
            return indexes.contains(index);
        }
    }

    /** Message {@code i}, encoded and decoded as the Pulsar source would; some malformed, some late. */
    private record Batches(Set malformed, Set late) implements GeneratorFunction<Long, DecodedMessage> {
        @Override
        public DecodedMessage map(Long index) {
            String origin = "test-topic@" + index;
            if (malformed.contains(index)) {
                return new MessageDecoder().decode(origin, new byte[] {(byte) 0x80, 0x7f, 0x01});
            }
            List<Event> events = late.contains(index) ? TestEvents.message(index, EVENTS_PER_MESSAGE, SOURCES,
                    EVENT_TIME_RATE * 1_000, 0) : eventsOf(index);
            return new MessageDecoder().decode(origin, TestEvents.encode(events), DecodedForm.COLUMNS);
        }
    }
}
