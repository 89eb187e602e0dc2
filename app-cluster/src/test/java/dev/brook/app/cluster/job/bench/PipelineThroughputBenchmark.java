package dev.brook.app.cluster.job.bench;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.bench.NaiveWindowTopology;
import dev.brook.adapters.flink.sink.AggregatePortSink;
import dev.brook.adapters.flink.sink.RetryPolicy;
import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.PulsarSources;
import dev.brook.adapters.flink.testing.InMemoryDeadLetters;
import dev.brook.app.cluster.job.PipelineStack;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.testing.ReferenceAggregation;
import dev.brook.adapters.flink.types.BrookTypes;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's sustained throughput from a pre-filled Pulsar topic into ClickHouse, Brook's topology and the
 * naive one (every event buffered per window, aggregated at window end) in the same run, same topic, same
 * store: embedded Pulsar, Flink local environment, embedded ClickHouse (chDB), all in this JVM.
 *
 * <p>The spec's load: 10,000 sources, event time advancing 50,000 events/s, one-minute windows, events up to
 * 1 s out of order, two partitions, parallelism 2. Run (needs the chDB library, {@code scripts/fetch-chdb.sh}):
 * <pre>./mvnw -B -q -pl app-cluster -am install -DskipTests
 * ./mvnw -B -q -pl app-cluster exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   "-Dexec.args=-Xmx6g -XX:MaxDirectMemorySize=1g -cp %classpath dev.brook.app.cluster.job.bench.PipelineThroughputBenchmark 2000000"</pre>
 */
public final class PipelineThroughputBenchmark {

    public static void main(String[] args) {
        // The embedded broker's threads are not daemons: leave with an exit code whatever happens.
        try {
            benchmark(args);
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void benchmark(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        long start = (System.currentTimeMillis() - 3_600_000) / 60_000 * 60_000;
        String topic = "persistent://public/default/bench-" + System.currentTimeMillis();

        PipelineStack.createTopic(topic, 2);
        EventGenerator generator = new EventGenerator(new GeneratorSettings(7, GeneratorSettings.DEFAULT_SOURCE_COUNT,
                DomainProfiles.byName(DomainProfiles.DEFAULT), start, GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 1_000));
        List<Event> published = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            published.add(generator.next());
        }
        long began = System.nanoTime();
        PipelineStack.publish(topic, published);
        System.out.printf("pre-filled %s with %,d events in %,d ms%n", topic, events, (System.nanoTime() - began) / 1_000_000);
        published = null;
        // Started here, not inside the first job: opening chDB (about a second) would count against that job only.
        PipelineStack.store("bench_warm_up");

        Run brook = run("Brook job", topic, false, events);
        Run naive = run("naive job", topic, true, events);
        System.out.printf("%nfrom a pre-filled topic into ClickHouse, parallelism 2:%n");
        brook.printSummary("Brook");
        naive.printSummary("naive");
        System.out.printf("ratio Brook/naive: %.2fx sustained, %.2fx end to end, %.2fx per CPU-second (target ≥ 3x);"
                + " load average %.1f on %d cores%n", (double) brook.sustainedRate() / naive.sustainedRate(),
                (double) brook.rate() / naive.rate(), (double) brook.perCpuSecond() / naive.perCpuSecond(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private static Run run(String label, String topic, boolean naive, long expectedEvents) throws Exception {
        String database = (naive ? "bench_naive_" : "bench_brook_") + System.currentTimeMillis();
        JobSettings settings = JobSettings.builder(PipelineStack.pulsar().serviceUrl(), PipelineStack.pulsar().adminUrl())
                .topic(topic)
                .subscription(naive ? "bench-naive" : "bench-brook")
                .parallelism(2)
                .maxOutOfOrderness(Duration.ofSeconds(2))
                .checkpointInterval(Duration.ofSeconds(10))
                .checkpointDirectory(Files.createTempDirectory("brook-bench-checkpoints").toUri().toString())
                .build();
        WindowAggregationJob job = new WindowAggregationJob(settings, PipelineStack.sinkFactory(database),
                InMemoryDeadLetters.sinkFactory(database));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism());
        job.configure(env);
        ReadSpan.reset();
        DataStream<DecodedMessage> messages = job.read(env, PulsarSources.boundedToLatest(settings))
                .map(new ReadSpan()).returns(BrookTypes.DECODED_MESSAGE).name("read span");
        if (naive) {
            NaiveWindowTopology.aggregate(messages, settings).sinkTo(new AggregatePortSink(PipelineStack.sinkFactory(database),
                    settings.sinkMaxBatchSize(), new RetryPolicy(3, Duration.ofMillis(100))));
        } else {
            job.aggregate(messages);
        }
        long cpuBefore = processCpuNanos();
        JobExecutionResult result = env.execute(label);
        long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
        List<WindowAggregate> stored = PipelineStack.storedAggregates(database);
        long counted = ReferenceAggregation.totalEvents(stored);
        if (counted != expectedEvents) {
            throw new IllegalStateException(label + " stored " + counted + " events, expected " + expectedEvents);
        }
        Run run = new Run(counted, result.getNetRuntime(TimeUnit.MILLISECONDS), cpuMillis, ReadSpan.millis());
        System.out.printf("%-10s %,10d events/s sustained, %,d end to end  (%,d ms reading, %,d ms wall, %,d ms CPU,"
                + " %,d windows stored)%n", label, run.sustainedRate(), run.rate(), run.readMillis, run.millis, run.cpuMillis,
                stored.size());
        return run;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Passes messages through and notes when the first and the last were read: reading ends when the job has
     * taken in every event, so events over that span is the sustained rate, without the job's start (deploying,
     * subscribing) and its end (the last windows fired and flushed), which the end-to-end rate includes.
     */
    private static final class ReadSpan implements MapFunction<DecodedMessage, DecodedMessage> {
        private static final AtomicLong FIRST = new AtomicLong(Long.MAX_VALUE);
        private static final AtomicLong LAST = new AtomicLong(Long.MIN_VALUE);

        static void reset() {
            FIRST.set(Long.MAX_VALUE);
            LAST.set(Long.MIN_VALUE);
        }

        static long millis() {
            return (LAST.get() - FIRST.get()) / 1_000_000;
        }

        @Override
        public DecodedMessage map(DecodedMessage message) {
            long now = System.nanoTime();
            FIRST.accumulateAndGet(now, Math::min);
            LAST.accumulateAndGet(now, Math::max);
            return message;
        }
    }

    private record Run(long events, long millis, long cpuMillis, long readMillis) {
        long rate() {
            return millis == 0 ? 0 : events * 1000 / millis;
        }

        void printSummary(String label) {
            System.out.printf("%-10s %,10d events/s sustained, %,d end to end (%,d events per CPU-second of this JVM)%n", label,
                    sustainedRate(), rate(), perCpuSecond());
        }

        long sustainedRate() {
            return readMillis <= 0 ? 0 : events * 1000 / readMillis;
        }

        long perCpuSecond() {
            return cpuMillis == 0 ? 0 : events * 1000 / cpuMillis;
        }
    }
}
