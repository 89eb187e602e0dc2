package dev.brook.adapters.clickhouse.bench;

import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What else ran while queries were timed, so a slow cell can be told apart from a slow query: the merges the engine
 * finished (they share the two cores with the queries), the CPU time the VM's host took back (steal), and how long a
 * fixed computation takes right now. On this VM the same code's figures moved by up to 2× from one run to the next,
 * and within a run the fixed computation took from 67 to 133 ms: its time says which spell a section met.
 */
final class MachineActivity {

    /** Pure CPU on one thread, no table read: its time is the machine's speed, not the data's state. */
    private static final String REFERENCE_COMPUTATION =
            "SELECT sum(cityHash64(number)) FROM numbers(100000000) SETTINGS max_threads = 1";
    private static final int REFERENCE_RUNS = 3;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux reports /proc/stat in USER_HZ ticks, 100 a second on every common build. */
    private static final double TICKS_PER_SECOND = 100;

    private final ClickHouseTransport transport;

    MachineActivity(ClickHouseTransport transport) {
        this.transport = transport;
    }

    /** The counters now, to subtract from later ones with {@link #since}. */
    Snapshot snapshot() {
        // One row; an event the engine has not counted yet has no row in system.events, and sums to 0.
        List<String> merges = transport.query("SELECT sumIf(value, event = 'Merge'), sumIf(value, event ="
                + " 'MergeTotalMilliseconds'), sumIf(value, event = 'MergedRows') FROM system.events", QueryParameters.none())
                .rows().get(0);
        return new Snapshot(Long.parseLong(merges.get(0)), Long.parseLong(merges.get(1)), Long.parseLong(merges.get(2)),
                stealTicks(), System.nanoTime());
    }

    /** One line on what happened since {@code before}. */
    String since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.nanoTime() - before.nanoTime()) / 1e9;
        String steal = now.stealTicks().isPresent() && before.stealTicks().isPresent()
                ? String.format(", the host took back %.1f s of CPU (steal)",
                        (now.stealTicks().get() - before.stealTicks().get()) / TICKS_PER_SECOND)
                : "";
        return String.format("over these %.0f s the engine finished %d merges (%,d rows, %.1f s of merge work)%s", seconds,
                now.merges() - before.merges(), now.mergedRows() - before.mergedRows(),
                (now.mergeMillis() - before.mergeMillis()) / 1e3, steal);
    }

    /** The median time of the fixed computation, in ms. */
    private double referenceMillis() {
        Samples runs = new Samples(REFERENCE_RUNS);
        for (int i = 0; i < REFERENCE_RUNS; i++) {
            long start = System.nanoTime();
            transport.query(REFERENCE_COMPUTATION, QueryParameters.none());
            runs.add(System.nanoTime() - start);
        }
        return runs.p(50);
    }

    /** The machine's speed now, as one line. */
    String reference() {
        return String.format("a fixed computation (100 M hashes on one thread) takes %.0f ms now", referenceMillis());
    }

    private static Optional<Long> stealTicks() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal …": the first line sums every CPU.
            String[] total = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            return total.length > 8 ? Optional.of(Long.parseLong(total[8])) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    record Snapshot(long merges, long mergeMillis, long mergedRows, Optional<Long> stealTicks, long nanoTime) {
    }
}
