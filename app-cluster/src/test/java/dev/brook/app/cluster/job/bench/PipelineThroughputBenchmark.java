package dev.brook.app.cluster.job.bench;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.bench.NaiveWindowTopology;
import dev.brook.adapters.flink.sink.AggregatePortSink;
import dev.brook.adapters.flink.sink.RetryPolicy;
import dev.brook.adapters.flink.source.DecodedForm;
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
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's sustained throughput from a pre-filled Pulsar topic into ClickHouse, Brook's topology and the
 * naive one (every event buffered per window, aggregated at window end) in the same run, same topic, same
 * store: embedded Pulsar, Flink local environment, embedded ClickHouse (chDB), all in this JVM.
 *
 * <p>The spec's load: 10,000 sources, event time advancing 50,000 events/s, one-minute windows, events up to
 * 1 s out of order, two partitions, parallelism 2. After a warm-up run of each on a smaller topic, the two run
 * in alternating rounds; the best round of each is compared. Arguments: events per topic, rounds. Run (needs the
 * chDB library, {@code scripts/fetch-chdb.sh}):
 * <pre>./mvnw -B -q -pl app-cluster -am install -DskipTests
 * ./mvnw -B -q -pl app-cluster exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   "-Dexec.args=-Xmx6g -XX:MaxDirectMemorySize=1g -cp %classpath dev.brook.app.cluster.job.bench.PipelineThroughputBenchmark 2000000 5"</pre>
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
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PrefilledTopic topic = prefilledTopic(events);
        // Both topologies run once on a smaller topic first: the first job in a JVM spends much of its CPU
        // compiling (Flink's, Pulsar's and Brook's code alike), which would count against whichever runs first.
        PrefilledTopic warmUpTopic = prefilledTopic(Math.max(100_000, events / 4));
        // Started here, not inside the first job: opening chDB (about a second) would count against that job only.
        PipelineStack.store("bench_warm_up");
        run("warm-up Brook", warmUpTopic, Topology.BROOK);
        run("warm-up naive", warmUpTopic, Topology.NAIVE);
        // Read once before the rounds, so that no round is the first reader of the topic (cold broker caches).
        run("warm-up source", topic, Topology.SOURCE_ONLY);

        // Alternating rounds, so that a slow spell of the machine does not fall on one topology only.
        List<Run> brook = new ArrayList<>();
        List<Run> naive = new ArrayList<>();
        List<Run> sourceOnly = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            brook.add(run("Brook " + round, topic, Topology.BROOK));
            naive.add(run("naive " + round, topic, Topology.NAIVE));
            sourceOnly.add(run("source " + round, topic, Topology.SOURCE_ONLY));
        }
        Run bestBrook = Run.best(brook);
        Run bestNaive = Run.best(naive);
        System.out.printf("%nfrom a pre-filled topic into ClickHouse, parallelism 2, best of %d rounds:%n", rounds);
        bestBrook.printSummary("Brook");
        bestNaive.printSummary("naive");
        Run.best(sourceOnly).printSummary("source");
        System.out.println("(source: read and decode into columns only, nothing after — the ceiling of any topology on this machine)");
        // Rounds are paired (Brook, then naive, then source, in one spell of the machine): the ratio within each pair.
        double[] ratios = new double[rounds];
        StringBuilder perRound = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            ratios[round] = (double) brook.get(round).sustainedRate() / naive.get(round).sustainedRate();
            perRound.append(round == 0 ? "" : " / ").append(String.format("%.2f", ratios[round]));
        }
        java.util.Arrays.sort(ratios);
        System.out.printf("ratio Brook/naive per round: %s; median %.2fx%n", perRound, ratios[rounds / 2]);
        System.out.printf("median of the rounds: Brook %,d events/s sustained, naive %,d: ratio %.2fx%n",
                Run.median(brook).sustainedRate(), Run.median(naive).sustainedRate(),
                (double) Run.median(brook).sustainedRate() / Run.median(naive).sustainedRate());
        System.out.printf("best rounds, ratio Brook/naive: %.2fx sustained, %.2fx end to end, %.2fx per CPU-second (target ≥ 3x);"
                + " load average %.1f on %d cores%n", (double) bestBrook.sustainedRate() / bestNaive.sustainedRate(),
                (double) bestBrook.rate() / bestNaive.rate(), (double) bestBrook.perCpuSecond() / bestNaive.perCpuSecond(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    /** A new two-partition topic holding {@code events} of the spec's load. */
    private static PrefilledTopic prefilledTopic(int events) throws Exception {
        long start = (System.currentTimeMillis() - 3_600_000) / 60_000 * 60_000;
        String topic = "persistent://public/default/bench-" + System.nanoTime();
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
        return new PrefilledTopic(topic, events);
    }

    private record PrefilledTopic(String name, long events) {
    }

    /** What runs after the source: Brook's topology, the naive one, or nothing (the ceiling of any topology here). */
    private enum Topology { BROOK, NAIVE, SOURCE_ONLY }

    private static Run run(String label, PrefilledTopic topic, Topology topology) throws Exception {
        long expectedEvents = topic.events();
        String database = "bench_" + topology.name().toLowerCase(Locale.ROOT) + "_" + System.currentTimeMillis();
        JobSettings settings = JobSettings.builder(PipelineStack.pulsar().serviceUrl(), PipelineStack.pulsar().adminUrl())
                .topic(topic.name())
                .subscription("bench-" + System.nanoTime())
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
        // Each topology reads messages in its own form: the naive shape's events as objects, as a job of its kind
        // would; Brook's (and the bare source's) as columns.
        DecodedForm form = topology == Topology.NAIVE ? DecodedForm.EVENTS : DecodedForm.COLUMNS;
        DataStream<DecodedMessage> messages = job.read(env, PulsarSources.boundedToLatest(settings, form))
                .map(new ReadSpan()).returns(BrookTypes.DECODED_MESSAGE).name("read span");
        switch (topology) {
            case BROOK -> job.aggregate(messages);
            case NAIVE -> NaiveWindowTopology.aggregate(messages, settings).sinkTo(new AggregatePortSink(
                    PipelineStack.sinkFactory(database), settings.sinkMaxBatchSize(), settings.sinkMaxBatchDelay(), new RetryPolicy(3, Duration.ofMillis(100))));
            case SOURCE_ONLY -> messages.sinkTo(new DiscardingSink<>()).name("discard");
        }
        long cpuBefore = processCpuNanos();
        JobExecutionResult result = env.execute(label);
        long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
        List<WindowAggregate> stored = topology == Topology.SOURCE_ONLY ? List.of() : PipelineStack.storedAggregates(database);
        long counted = topology == Topology.SOURCE_ONLY ? ReadSpan.events() : ReferenceAggregation.totalEvents(stored);
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
        private static final AtomicLong EVENTS = new AtomicLong();

        static void reset() {
            FIRST.set(Long.MAX_VALUE);
            LAST.set(Long.MIN_VALUE);
            EVENTS.set(0);
        }

        static long events() {
            return EVENTS.get();
        }

        static long millis() {
            return (LAST.get() - FIRST.get()) / 1_000_000;
        }

        @Override
        public DecodedMessage map(DecodedMessage message) {
            long now = System.nanoTime();
            FIRST.accumulateAndGet(now, Math::min);
            LAST.accumulateAndGet(now, Math::max);
            EVENTS.addAndGet(message.eventCount());
            return message;
        }
    }

    private record Run(long events, long millis, long cpuMillis, long readMillis) {
        static Run median(List<Run> runs) {
            return runs.stream().sorted(Comparator.comparingLong(Run::sustainedRate)).toList().get(runs.size() / 2);
        }

        static Run best(List<Run> runs) {
            return runs.stream().max(Comparator.comparingLong(Run::sustainedRate)).orElseThrow();
        }

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
