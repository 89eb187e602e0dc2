package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.PulsarSources;
import dev.brook.adapters.flink.testing.FailOnceAfterCheckpoint;
import dev.brook.adapters.flink.testing.InMemoryDeadLetters;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.core.domain.aggregation.MetricStats;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.testing.ReferenceAggregation;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job end to end on this machine: Brook's publisher → embedded Pulsar → the job on a MiniCluster
 * (parallelism 2) → embedded ClickHouse (chDB). Every stored window is compared with an independent
 * computation over the published events.
 */
class FlinkJobPipelineIT {

    /** An hour ago on a minute boundary: recent enough for the store's retention (TTL), deterministic per run. */
    private static final long T0 = (System.currentTimeMillis() - 3_600_000) / 60_000 * 60_000;
    private static final int MILLION = 1_000_000;
    private static final long MAX_DISORDER_MILLIS = 2_000;
    private static final String MILLION_TOPIC = "persistent://public/default/job-it-million-" + UUID.randomUUID();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** The million events, published once for the two tests that read them. */
    private static List<Event> million;

    @BeforeAll
    static void publishAMillionOutOfOrderEvents() throws Exception {
        // 1,000 sources, event time advancing 10,000 events/s (100 s, ten 10-second windows), each event
        // up to 2 s older than its place in the stream; two partitions.
        million = generate(new GeneratorSettings(2026, 1_000, DomainProfiles.byName(DomainProfiles.DEFAULT), T0, 10_000,
                MAX_DISORDER_MILLIS), MILLION);
        PipelineStack.createTopic(MILLION_TOPIC, 2);
        long began = System.nanoTime();
        PipelineStack.publish(MILLION_TOPIC, million);
        System.out.printf("job ITs: published %,d events in %d ms%n", MILLION, (System.nanoTime() - began) / 1_000_000);
    }

    @Test
    void aMillionOutOfOrderEventsGiveExactlyTheIndependentlyComputedWindows() throws Exception {
        String database = database();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WindowAggregationJob job = millionJob(env, database, "exact");
        job.build(env, PulsarSources.boundedToLatest(job.settings()));

        JobExecutionResult result = env.execute("a million events");

        assertThat(JobFailureHistory.of(MINI_CLUSTER.getClientConfiguration(), result.getJobID())).as("failovers").isEmpty();
        assertExactly(database, million, job.settings().windows());
        assertThat(InMemoryDeadLetters.named(database)).as("nothing late within the watermark bound").isEmpty();
    }

    @Test
    void aFailureAfterACompletedCheckpointCostsNoEventAndDuplicatesNone() throws Exception {
        String database = database();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WindowAggregationJob job = millionJob(env, database, "failover");
        FailOnceAfterCheckpoint.reset();
        job.aggregate(job.read(env, PulsarSources.boundedToLatest(job.settings()))
                .map(new FailOnceAfterCheckpoint<>(200)).returns(BrookTypes.DECODED_MESSAGE));

        JobExecutionResult result = env.execute("a million events with a failure");

        assertThat(FailOnceAfterCheckpoint.hasFailed()).as("the failure was injected").isTrue();
        assertThat(JobFailureHistory.of(MINI_CLUSTER.getClientConfiguration(), result.getJobID())).as("failovers: the injected one only")
                .singleElement(as(InstanceOfAssertFactories.STRING)).contains("injected failure");
        assertExactly(database, million, job.settings().windows());
    }

    @Test
    void malformedMessagesAndLateEventsAreCountedExactlyWhileTheJobKeepsRunning() throws Exception {
        String database = database();
        String topic = "persistent://public/default/job-it-bad-input-" + UUID.randomUUID();
        PipelineStack.createTopic(topic, 2);
        JobSettings settings = JobSettings.builder(PipelineStack.pulsar().serviceUrl(), PipelineStack.pulsar().adminUrl())
                .topic(topic).subscription("flink-consumer")
                .windowSize(Duration.ofSeconds(2)).maxOutOfOrderness(Duration.ofMillis(200))
                .checkpointInterval(Duration.ofMillis(500)).parallelism(2).restartDelay(Duration.ofMillis(200))
                .build();
        WindowAggregationJob job = new WindowAggregationJob(settings, PipelineStack.sinkFactory(database),
                InMemoryDeadLetters.sinkFactory(database));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env, PulsarSources.unbounded(settings));
        JobClient running = env.executeAsync("bad input");
        try (PulsarClient client = PulsarClient.builder().serviceUrl(PipelineStack.pulsar().serviceUrl()).build();
             Producer<byte[]> raw = client.newProducer(Schema.BYTES).topic(topic).enableBatching(false).create()) {
            // 10 s of event time, 2,000 events/s, 50 sources; then three messages that are not event batches.
            List<Event> first = generate(new GeneratorSettings(1, 50, DomainProfiles.byName(DomainProfiles.DEFAULT), T0, 2_000, 100), 20_000);
            PipelineStack.publish(topic, first);
            raw.send(new byte[] {(byte) 0x80});
            raw.send("{\"source_id\":\"source-0000001\",\"temperature\":21.5}".getBytes());
            raw.send(new byte[0x40]);
            awaitStored(running, database, settings.windows().windowOf(T0 + 6_000).startMillis());

            // Windows up to T0+8s have fired: 100 events stamped in the first second are late now.
            List<Event> late = generate(new GeneratorSettings(2, 50, DomainProfiles.byName(DomainProfiles.DEFAULT), T0, 100_000, 0), 100);
            PipelineStack.publish(topic, late);
            raw.send(new byte[] {2, 0, 0});
            raw.send(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});

            // The job goes on: 10 more seconds of event time, then one event far ahead to close those windows.
            List<Event> second = generate(new GeneratorSettings(3, 50, DomainProfiles.byName(DomainProfiles.DEFAULT), T0 + 10_000, 2_000, 100), 20_000);
            PipelineStack.publish(topic, second);
            PipelineStack.publish(topic, generate(new GeneratorSettings(4, 50, DomainProfiles.byName(DomainProfiles.DEFAULT), T0 + 60_000, 2_000, 0), 1));
            awaitStored(running, database, settings.windows().windowOf(T0 + 18_000).startMillis());

            List<Event> onTime = new ArrayList<>(first);
            onTime.addAll(second);
            List<WindowAggregate> stored = PipelineStack.storedAggregates(database).stream()
                    .filter(a -> a.window().endMillis() <= T0 + 20_000).toList();
            assertSameWindows(ReferenceAggregation.aggregate(onTime, settings.windows()), stored);
            Map<String, Long> setAside = InMemoryDeadLetters.named(database).stream()
                    .collect(Collectors.groupingBy(FlinkJobPipelineIT::kind, Collectors.counting()));
            assertThat(setAside).isEqualTo(Map.of("malformed", 5L, "late", 100L));
            assertThat(running.getJobStatus().get().isGloballyTerminalState()).as("the job is still running").isFalse();
            assertThat(JobFailureHistory.of(MINI_CLUSTER.getClientConfiguration(), running.getJobID())).as("failovers").isEmpty();
        } finally {
            if (!running.getJobStatus().get().isGloballyTerminalState()) {
                running.cancel().get();
            }
        }
    }

    /** The job over the million-event topic with a subscription of its own, configured on {@code env}. */
    private static WindowAggregationJob millionJob(StreamExecutionEnvironment env, String database, String subscription) {
        JobSettings settings = JobSettings.builder(PipelineStack.pulsar().serviceUrl(), PipelineStack.pulsar().adminUrl())
                .topic(MILLION_TOPIC)
                .subscription("flink-consumer-" + subscription)
                .windowSize(Duration.ofSeconds(10))
                .maxOutOfOrderness(Duration.ofMillis(MAX_DISORDER_MILLIS + 1_000))
                .checkpointInterval(Duration.ofSeconds(1))
                .parallelism(2)
                .restartDelay(Duration.ofMillis(200))
                .build();
        WindowAggregationJob job = new WindowAggregationJob(settings, PipelineStack.sinkFactory(database),
                InMemoryDeadLetters.sinkFactory(database));
        job.configure(env);
        return job;
    }

    private static void assertExactly(String database, List<Event> published, TumblingWindows windows) {
        List<WindowAggregate> stored = PipelineStack.storedAggregates(database);
        SortedMap<ReferenceAggregation.Key, WindowAggregate> expected = ReferenceAggregation.aggregate(published, windows);
        assertThat(ReferenceAggregation.totalEvents(stored)).isEqualTo(published.size());
        assertThat(stored).hasSameSizeAs(expected.values());
        assertSameWindows(expected, stored);
    }

    /**
     * Every stored window equals the expected one: counts, times, ids exactly, sums and averages to 1e-9. A
     * minimum or maximum may differ in its last bit only: ClickHouse reads Float64 text with a fast parser
     * that is not always correctly rounded (its setting precise_float_parsing is off by default), which is
     * the store's round trip, not the job's arithmetic (the MiniCluster IT with an in-memory store checks
     * those bits exactly).
     */
    private static void assertSameWindows(Map<ReferenceAggregation.Key, WindowAggregate> expected, List<WindowAggregate> stored) {
        List<WindowAggregate> comparable = stored.stream().map(actual -> {
            WindowAggregate wanted = expected.get(ReferenceAggregation.Key.of(actual));
            return wanted == null ? actual : withLastBitOfMinMaxFrom(wanted, actual);
        }).toList();
        assertThat(ReferenceAggregation.differences(expected, comparable, 1e-9)).isEmpty();
    }

    private static WindowAggregate withLastBitOfMinMaxFrom(WindowAggregate expected, WindowAggregate actual) {
        Map<Metric, MetricStats> metrics = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            MetricStats e = expected.stats(metric);
            MetricStats a = actual.stats(metric);
            metrics.put(metric, new MetricStats(oneUlpApart(e.min(), a.min()) ? e.min() : a.min(),
                    oneUlpApart(e.max(), a.max()) ? e.max() : a.max(), a.sum()));
        }
        return new WindowAggregate(actual.sourceId(), actual.window(), actual.customerId(), actual.siteId(),
                actual.eventType(), actual.eventCount(), metrics, actual.statusCounts(), actual.motionCount(),
                actual.firstEventTimeMillis(), actual.lastEventTimeMillis());
    }

    private static boolean oneUlpApart(double expected, double actual) {
        return Math.abs(expected - actual) <= Math.ulp(expected);
    }

    /** Waits for a window to be stored; if the job stops meanwhile, fails at once with the job's own failure. */
    private static void awaitStored(JobClient job, String database, long windowStart) throws Exception {
        BooleanSupplier stored = () -> PipelineStack.storedAggregates(database).stream()
                .anyMatch(a -> a.window().startMillis() >= windowStart);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!stored.getAsBoolean()) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new AssertionError("the job ended before a window starting at " + windowStart + " was stored");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no window starting at or after " + windowStart + " was stored within 2 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static String kind(DeadLetter letter) {
        return letter.reason().substring(0, letter.reason().indexOf(':'));
    }

    private static List<Event> generate(GeneratorSettings settings, int count) {
        EventGenerator generator = new EventGenerator(settings);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    private static String database() {
        return "job_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
