package dev.brook.adapters.flink.bench;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.source.DecodedForm;
import dev.brook.adapters.flink.source.MessageDecoder;
import dev.brook.adapters.flink.testing.InMemoryAggregateStore;
import dev.brook.adapters.flink.testing.InMemoryDeadLetters;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.testing.ReferenceAggregation;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sustained throughput of Brook's job against the naive shape of the spec's job, in one run, on the same
 * input: pre-encoded Avro batches held in memory (no broker, so the figure is the job's alone), decoded by
 * the job's own decoder (into columns for Brook, into event objects for the naive shape, as each reads them),
 * into an in-memory idempotent store.
 *
 * <ul>
 *   <li>Brook: decode → per-(source, window) combiner → keyBy → incremental window aggregate → sink.</li>
 *   <li>Naive: decode → every event shuffled → keyBy → window buffering all of its events →
 *       {@code ProcessWindowFunction} aggregating at window end → the same sink.</li>
 * </ul>
 *
 * The spec's load: 10,000 sources, event time advancing 50,000 events/s, one-minute windows, 1 s disorder.
 * Run in a JVM of its own ({@code exec:exec}: under {@code exec:java} Flink's job master cannot load its
 * classes from Maven's class realm), with heap for the naive variant's buffered windows:
 * <pre>./mvnw -B -q -pl adapters-flink -am install -DskipTests
 * ./mvnw -B -q -pl adapters-flink exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   "-Dexec.args=-Xmx6g -cp %classpath dev.brook.adapters.flink.bench.JobThroughputBenchmark 3000000 2"</pre>
 * Arguments: events (default 3,000,000), parallelism (default 2).
 */
public final class JobThroughputBenchmark {

    private static final int EVENTS_PER_MESSAGE = 500;
    private static final long START_MILLIS = 1_767_225_600_000L;

    /** The pre-encoded messages; static so the source reads them in place instead of shipping them with the job. */
    static volatile List<byte[]> encoded = List.of();

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int messages = (int) (events / EVENTS_PER_MESSAGE);
        events = (long) messages * EVENTS_PER_MESSAGE;

        long began = System.nanoTime();
        encoded = encode(messages);
        System.out.printf("pre-encoded %,d events in %,d messages (%,d bytes) in %d ms%n", events, messages,
                encoded.stream().mapToLong(b -> b.length).sum(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));

        Run warmup = run("warm-up (Brook)", false, Math.min(messages, 400), parallelism);
        Run brook = run("Brook job", false, messages, parallelism);
        Run naive = run("naive job", true, messages, parallelism);
        System.out.printf("%n%-10s %,12d events/s  (%,d events in %,d ms, %,d aggregates)%n", "Brook", brook.rate(),
                brook.events, brook.millis, brook.aggregates);
        System.out.printf("%-10s %,12d events/s  (%,d events in %,d ms, %,d aggregates)%n", "naive", naive.rate(),
                naive.events, naive.millis, naive.aggregates);
        System.out.printf("ratio Brook/naive: %.2fx wall, %.2fx per CPU-second (target ≥ 3x); Brook alone target "
                        + "≥ 150,000 events/s on 2 cores, i.e. ≥ 75,000 per CPU-second%n",
                (double) brook.rate() / naive.rate(), (double) brook.perCpuSecond() / naive.perCpuSecond());
        System.out.printf("load average while running: %.1f on %d cores (other processes compete for them)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        if (brook.events != events || naive.events != events || warmup.events <= 0 || brook.aggregates != naive.aggregates) {
            throw new IllegalStateException("the runs disagree: Brook " + brook + ", naive " + naive + ", expected " + events + " events");
        }
    }

    private static List<byte[]> encode(int messages) {
        EventGenerator generator = new EventGenerator(new GeneratorSettings(42, GeneratorSettings.DEFAULT_SOURCE_COUNT,
                DomainProfiles.byName(DomainProfiles.DEFAULT), START_MILLIS, GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 1_000));
        AvroEventCodec codec = new AvroEventCodec();
        List<byte[]> out = new ArrayList<>(messages);
        List<Event> batch = new ArrayList<>(EVENTS_PER_MESSAGE);
        for (int m = 0; m < messages; m++) {
            batch.clear();
            for (int i = 0; i < EVENTS_PER_MESSAGE; i++) {
                batch.add(generator.next());
            }
            out.add(codec.encodeBatch(batch));
        }
        return out;
    }

    private static Run run(String label, boolean naive, int messages, int parallelism) throws Exception {
        String store = label + "-" + System.nanoTime();
        JobSettings settings = JobSettings.builder("pulsar://localhost:6650", "http://localhost:8080")
                .parallelism(parallelism)
                .checkpointInterval(Duration.ofSeconds(10))
                .maxOutOfOrderness(Duration.ofSeconds(2))
                // On disk, as on a cluster: the naive variant's buffered windows outgrow in-memory checkpoints.
                .checkpointDirectory(java.nio.file.Files.createTempDirectory("brook-bench-checkpoints").toUri().toString())
                .build();
        WindowAggregationJob job = new WindowAggregationJob(settings, InMemoryAggregateStore.sinkFactory(store),
                InMemoryDeadLetters.sinkFactory(store));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        job.configure(env);
        DataStream<DecodedMessage> input = job.read(env, new DataGeneratorSource<>(new PreEncoded(naive ? DecodedForm.EVENTS : DecodedForm.COLUMNS), messages, BrookTypes.DECODED_MESSAGE));
        if (naive) {
            NaiveWindowTopology.aggregate(input, settings).sinkTo(new dev.brook.adapters.flink.sink.AggregatePortSink(
                    InMemoryAggregateStore.sinkFactory(store), settings.sinkMaxBatchSize(), settings.sinkMaxBatchDelay(),
                    new dev.brook.adapters.flink.sink.RetryPolicy(1, Duration.ZERO)));
        } else {
            job.aggregate(input);
        }
        long cpuBefore = processCpuNanos();
        JobExecutionResult result = env.execute(label);
        long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
        var rows = InMemoryAggregateStore.named(store).rows().values();
        Run run = new Run(ReferenceAggregation.totalEvents(rows), rows.size(), result.getNetRuntime(TimeUnit.MILLISECONDS), cpuMillis);
        System.out.printf("%-18s %,10d events/s  (%,d ms wall, %,d ms CPU of this JVM: %,d events per CPU-second)%n",
                label, run.rate(), run.millis, run.cpuMillis, run.perCpuSecond());
        InMemoryAggregateStore.drop(store);
        InMemoryDeadLetters.drop(store);
        return run;
    }

    /** Reads message {@code i} of the pre-encoded input and decodes it as the Pulsar source does. */
    private static final class PreEncoded implements GeneratorFunction<Long, DecodedMessage> {
        private final DecodedForm form;
        private transient MessageDecoder decoder;

        PreEncoded(DecodedForm form) {
            this.form = form;
        }

        @Override
        public DecodedMessage map(Long index) {
            if (decoder == null) {
                decoder = new MessageDecoder();
            }
            return decoder.decode("bench@" + index, encoded.get(index.intValue()), form);
        }
    }

    /** CPU time of this JVM, all threads: on a busy machine it shows what the job costs, whatever the wall clock says. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Run(long events, long aggregates, long millis, long cpuMillis) {
        long rate() {
            return millis == 0 ? 0 : events * 1000 / millis;
        }

        long perCpuSecond() {
            return cpuMillis == 0 ? 0 : events * 1000 / cpuMillis;
        }
    }
}
