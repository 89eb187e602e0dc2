package dev.brook.core.domain.bench;

import dev.brook.core.domain.aggregation.AccumulatorTable;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.SourceId;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the core's hot paths on one thread, i.e. per core: generate + encode (the producer),
 * decode (the stream job's input), window accumulation (the stream job's state updates).
 *
 * <p>Run (from the repository root):
 * <pre>./mvnw -q -pl core-domain test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.brook.core.domain.bench.CoreBenchmark [-Dexec.args="--seconds 5 --rounds 3"]</pre>
 *
 * <p>Each figure is measured after warm-up rounds (until two in a row agree within 5 %), in several timed
 * rounds; the median round is printed with the
 * range, twice: per second of the benchmark thread's own CPU time (what one core does, even on a busy
 * machine) and per second of wall time (equal on a quiet machine; lower when other processes take the core).
 * Target (issue 2): ≥ 1,000,000 events/s per core for generate + encode.
 */
public final class CoreBenchmark {

    private static final long T0 = 1_704_067_200_000L;
    private static final int BATCH = 100; // events per Pulsar message, as the producer sends them
    private static final int ENVELOPE = 500; // events per message as the pipeline's publisher sends them

    private static final int MAX_WARM_UP_ROUNDS = 10;
    private int warmUpRounds;

    /** Keeps results alive so the JIT cannot drop the work that made them. */
    private static long sink;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double seconds;
    private final int rounds;
    private final String only;

    private CoreBenchmark(double seconds, int rounds, String only) {
        this.seconds = seconds;
        this.rounds = rounds;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        double seconds = 3;
        int rounds = 3;
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i]; // e.g. "generate + encode", for profiling one path
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --seconds N, --rounds N, --only TEXT)");
            }
        }
        new CoreBenchmark(seconds, rounds, only).run();
    }

    private void run() throws MalformedEventException {
        System.out.printf("Brook core benchmark: one thread, %d rounds of %.1f s after warm-up rounds of the same length; "
                        + "java %s, %d cores available%n", rounds, seconds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-55s %14s    %-30s %19s%n", "", "events per CPU s", "", "events per wall s");

        EventGenerator generator = new EventGenerator(GeneratorSettings.defaults(1, T0));
        AvroEventCodec codec = new AvroEventCodec();

        // generate + encode, in batches as the producer publishes them
        List<Event> reusable = new ArrayList<>(BATCH);
        report("generate + encode (batches of " + BATCH + ")", () -> {
            reusable.clear();
            for (int i = 0; i < BATCH; i++) {
                reusable.add(generator.next());
            }
            sink += codec.encodeBatch(reusable).length;
            return BATCH;
        });
        report("generate only", () -> {
            sink += generator.next().errorCount();
            return 1;
        });
        Event fixed = generator.next();
        report("encode only (one event)", () -> {
            sink += codec.encode(fixed).length;
            return 1;
        });

        // decode: a ring of pre-encoded batches, so the decoder sees varied input
        byte[][] messages = new byte[256][];
        long bytes = 0;
        for (int m = 0; m < messages.length; m++) {
            messages[m] = codec.encodeBatch(generator.next(BATCH));
            bytes += messages[m].length;
        }
        int[] next = {0};
        report("decode (batches of " + BATCH + ")", () -> {
            sink += codec.decodeBatch(messages[next[0]++ & 255]).size();
            return BATCH;
        });
        report("decode into columns (batches of " + BATCH + ")", () -> {
            sink += AvroEventCodec.decodeColumns(messages[next[0]++ & 255]).size();
            return BATCH;
        });

        // decode + combine: what the job's source thread does per message, both ways. A ring of messages of one
        // subtask's sources (half of 10,000: two partitions), added to one table, as one window's pre-aggregation
        // sees them.
        EventGenerator subtaskShare = new EventGenerator(new GeneratorSettings(2, GeneratorSettings.DEFAULT_SOURCE_COUNT / 2,
                DomainProfiles.byName(DomainProfiles.DEFAULT), T0, GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 1_000));
        byte[][] envelopes = new byte[1_024][];
        for (int m = 0; m < envelopes.length; m++) {
            envelopes[m] = codec.encodeBatch(subtaskShare.next(ENVELOPE));
        }
        EventColumns[] decoded = new EventColumns[envelopes.length];
        for (int m = 0; m < envelopes.length; m++) {
            decoded[m] = AvroEventCodec.decodeColumns(envelopes[m]);
        }
        AccumulatorTable combineOnly = new AccumulatorTable();
        report("combine decoded columns into a table (batches of " + ENVELOPE + ")", () -> {
            EventColumns columns = decoded[next[0]++ & 1_023];
            for (int i = 0; i < columns.size(); i++) {
                combineOnly.add(columns, i);
            }
            return ENVELOPE;
        });
        AccumulatorTable viaEvents = new AccumulatorTable();
        report("decode + combine into a table, via events (batches of " + ENVELOPE + ")", () -> {
            for (Event event : codec.decodeBatch(envelopes[next[0]++ & 1_023])) {
                viaEvents.add(event);
            }
            return ENVELOPE;
        });
        AccumulatorTable viaColumns = new AccumulatorTable();
        report("decode + combine into a table, via columns (batches of " + ENVELOPE + ")", () -> {
            EventColumns columns = AvroEventCodec.decodeColumns(envelopes[next[0]++ & 1_023]);
            for (int i = 0; i < columns.size(); i++) {
                viaColumns.add(columns, i);
            }
            return ENVELOPE;
        });

        // aggregation: pre-generated events, as a keyed window operator would see them
        Event[] events = new Event[1 << 16];
        for (int i = 0; i < events.length; i++) {
            events[i] = generator.next();
        }
        WindowAccumulator[] perSource = new WindowAccumulator[GeneratorSettings.DEFAULT_SOURCE_COUNT];
        int[] position = {0};
        report("window accumulator add (one accumulator per source)", () -> {
            Event event = events[position[0]++ & (events.length - 1)];
            int index = event.sourceId().index();
            WindowAccumulator acc = perSource[index];
            if (acc == null) {
                acc = perSource[index] = new WindowAccumulator();
            }
            acc.add(event);
            return 1;
        });
        TumblingWindows windows = TumblingWindows.ofDefaultSize();
        Map<Key, WindowAccumulator> keyed = new HashMap<>();
        report("keyed add (hash lookup by source + window, then add)", () -> {
            Event event = events[position[0]++ & (events.length - 1)];
            keyed.computeIfAbsent(new Key(event.sourceId(), windows.windowOf(event.eventTimeMillis())),
                    k -> new WindowAccumulator()).add(event);
            return 1;
        });
        WindowAccumulator left = new WindowAccumulator(); // a window's worth of one source's events
        for (Event event : events) {
            if (event.sourceId().equals(events[0].sourceId())) {
                left.add(event);
            }
        }
        report("merge two accumulators", () -> {
            sink += WindowAccumulator.merge(left, left).eventCount();
            return 1;
        });

        System.out.printf("%-55s %,14.1f%n", "bytes per event (in batches of " + BATCH + ")",
                bytes / (double) (messages.length * BATCH));
        System.out.println("(sink " + (sink & 1) + ")");
    }

    private record Key(SourceId source, TimeWindow window) {
    }

    @FunctionalInterface
    private interface Work {
        /** Does one unit of work and says how many events it handled. */
        int run() throws MalformedEventException;
    }

    /** Rates of one timed round: events per CPU second of this thread, and per wall-clock second. */
    private record Round(double perCpuSecond, double perWallSecond) {
    }

    /**
     * Each timed round, after warm-up rounds of the same length until two in a row agree within 5 % (at most
     * ten): the JIT compiles on background threads, which take much longer when other processes load the cores.
     */
    private Round[] measure(Work work) throws MalformedEventException {
        double previous = timedRound(work).perCpuSecond();
        for (warmUpRounds = 1; warmUpRounds < MAX_WARM_UP_ROUNDS; warmUpRounds++) {
            double current = timedRound(work).perCpuSecond();
            boolean settled = Math.abs(current - previous) <= 0.05 * previous;
            previous = current;
            if (settled) {
                warmUpRounds++;
                break;
            }
        }
        Round[] results = new Round[rounds];
        for (int r = 0; r < rounds; r++) {
            results[r] = timedRound(work);
        }
        return results;
    }

    private Round timedRound(Work work) throws MalformedEventException {
        long budget = (long) (seconds * 1e9);
        long events = 0;
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            // Check the clock every 1,000 calls only: reading it costs as much as the cheapest work.
            for (int i = 0; i < 1_000; i++) {
                events += work.run();
            }
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        return new Round(events / (cpu / 1e9), events / (elapsed / 1e9));
    }

    private void report(String what, Work work) throws MalformedEventException {
        if (!what.contains(only)) {
            return;
        }
        Round[] results = measure(work);
        double[] cpu = Arrays.stream(results).mapToDouble(Round::perCpuSecond).sorted().toArray();
        double[] wall = Arrays.stream(results).mapToDouble(Round::perWallSecond).sorted().toArray();
        System.out.printf("%-55s %,14.0f /s  (rounds %,.0f … %,.0f)   wall %,14.0f /s  (%d warm-up rounds)%n", what,
                cpu[cpu.length / 2], cpu[0], cpu[cpu.length - 1], wall[wall.length / 2], warmUpRounds);
    }
}
