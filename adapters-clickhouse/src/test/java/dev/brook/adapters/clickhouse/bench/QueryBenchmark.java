package dev.brook.adapters.clickhouse.bench;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.adapters.clickhouse.chdb.ChdbEngine;
import dev.brook.adapters.clickhouse.chdb.ChdbTransport;
import dev.brook.adapters.clickhouse.schema.RowEncoder;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.TextTable;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.TimeRange;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store's figures on the embedded engine, on ≥ 1,000,000 aggregate rows (17,000 sources × 60
 * one-minute windows by default): insert speed, compression, and p50/p95 of every analytics query with
 * the dedup the queries really use.
 *
 * <p>Each duration is printed twice: the JVM's wall time and chDB's own time for the statements. On a
 * loaded machine both grow alike (the engine waits for CPU too), so the insert also shows the process's
 * CPU time, which does not. A query's repeated runs find what they read in the engine's uncompressed cache
 * ({@link dev.brook.adapters.clickhouse.chdb.UncompressedCache}), as a dashboard asking again does; its cold runs
 * empty that cache first, the worst case, and are printed beside them (wall time). A dashboard's first ask after new
 * data is timed three times: during a restarted job's replay and during a rewrite with other values, each query
 * once right after each of ten 1,000-row writes of the newest window, back to back; and, once the tables were
 * optimized, after each of the next 30 windows of the same event stream, written as the job writes them (17,000
 * aggregates in writes of 5,000), each query once, its ranges ending with the new window.
 * Queries are timed at four moments, each with its count of table parts:
 * right after the bulk load (merges under way in every hour: each is in parts, the worst ordinary case); live,
 * once background merges have settled and the last ten windows were written again with other values (ended hours
 * are one part each, the newest windows of the current hour lie in fresh parts, as while the job writes); steady,
 * once merges settled again and a restarted job's replays of the last two windows (the values stored) came; and after
 * {@code OPTIMIZE … FINAL} of the aggregate, rollup and recent rows tables (one part per hour).
 * A last section writes second versions spread over every window, the worst case for FINAL, and times two
 * queries again. Each section ends with what ran beside its asks ({@link MachineActivity}: the merges the engine
 * finished, the CPU the VM's host took back) and the time of a fixed computation, the machine's speed then: runs on
 * different spells of a VM compare through it.
 *
 * <p>Run: {@code ./mvnw -B -q -pl adapters-clickhouse -am test-compile && MAVEN_OPTS=-Xmx6g ./mvnw -B -q -pl
 * adapters-clickhouse exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.brook.adapters.clickhouse.bench.QueryBenchmark
 * [-Dexec.args="17000 60 [full-precision]"]}
 */
public final class QueryBenchmark {

    private static final int BATCH = 1_000;
    private static final int WARM_UP = 2;
    private static final int RUNS = 20;
    private static final int COLD_RUNS = 20;
    private static final int ASKS_AFTER_WRITES = 10;
    private static final int NEW_WINDOWS = 30;
    /** The Flink sink's buffer: a window's aggregates reach the store in writes of this many. */
    private static final int JOB_WRITE = 5_000;
    private static final int REPLAYED_WINDOWS = 2;
    private static final int LIVE_WINDOWS = 10;
    private static final long SETTLE_LIMIT_MILLIS = 180_000;
    /** The revisions ({@link BenchmarkDataset#revised}) of the live state, of the rewrites (from here up) and of the scattered ones. */
    private static final int LIVE_REVISION = 1;
    private static final int FIRST_REWRITE_REVISION = 2;
    private static final int SCATTERED_REVISION = -1;

    private final ClickHouseStore store;
    private final ChdbEngine engine;
    private final AggregateQueries queries;
    private final ProcessCpuClock cpu = new ProcessCpuClock();
    private final MachineActivity machine;
    private long lastWriteMillis;

    private QueryBenchmark(ClickHouseStore store) {
        this.store = store;
        this.engine = ((ChdbTransport) store.transport()).engine();
        this.queries = store.queries();
        this.machine = new MachineActivity(store.transport());
    }

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 17_000;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        boolean rounded = !(args.length > 2 && args[2].equals("full-precision"));

        long start = System.nanoTime();
        BenchmarkDataset dataset = BenchmarkDataset.generate(sources, windows, NEW_WINDOWS, rounded);
        System.out.printf("dataset: %,d aggregates (%,d sources × %d one-minute windows) from generated events in %.1f s, and the"
                + " next %d windows' %,d to write while the queries are asked%n", dataset.aggregates().size(), sources, windows,
                (System.nanoTime() - start) / 1e9, NEW_WINDOWS, dataset.later().size());
        System.out.println(rounded
                ? "         readings rounded to 0.01 as sensors report them (min/max are such readings; avg = sum/count is not)"
                : "         readings at full double precision (random digits to the last bit: the incompressible case)");
        System.out.println("         each reading is drawn independently, so a source's windows do not drift smoothly as real"
                + " readings do: the metric columns compress less than real data would");

        // One place, emptied at each start: a run leaves up to 700 MB, and the last one stays to look at. Not under
        // target/: exec:java runs it in the directory Maven was started from.
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "brook-query-benchmark");
        if (Files.exists(dataDir)) {
            try (Stream<Path> old = Files.walk(dataDir)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.println("         chDB data in " + dataDir);
        try (ClickHouseStore store = ClickHouseStore.open(ClickHouseSettings.embedded(dataDir))) {
            new QueryBenchmark(store).run(dataset);
        }
    }

    private void run(BenchmarkDataset dataset) throws InterruptedException {
        System.out.println("         the machine's speed at the start: " + machine.reference());
        bulkLoad(dataset.aggregates());
        printCompression();

        long first = dataset.firstWindowStartMillis();
        TimeRange all = new TimeRange(first, first + dataset.windows() * 60_000L);
        System.out.printf("count with dedup: %,d (distinct windows written: %,d)%n", queries.countAggregates(),
                dataset.aggregates().size());

        timeQueries("right after the bulk load: every hour in parts, as the hour being written", dataset);
        timeDedupAlternatives(all);
        // The live state's values of the last windows: what a replay writes again from here on.
        List<WindowAggregate> liveValues = BenchmarkDataset.revised(dataset.lastWindows(LIVE_WINDOWS), LIVE_REVISION);
        writeAgainPaced(liveValues, "other values");
        timeQueries("live: merges settled, then the last " + LIVE_WINDOWS + " windows written again with other values, a batch"
                + " every 200 ms — the fresh parts the hour being written holds in a running pipeline (which writes a window a"
                + " minute: its merges have more time)", dataset);
        List<WindowAggregate> newestWindow = newest(liveValues, 1);
        timeFirstAsksAfterWrites(dataset, newestWindow, false);
        timeFirstAsksAfterWrites(dataset, newestWindow, true);
        store.sink().write(newestWindow); // back to the live state's values, which the next replay writes
        writeAgainPaced(newest(liveValues, REPLAYED_WINDOWS), "the values stored");
        timeQueries("steady state: merges settled (an hour without writes for " + SensorsSchema.FORCE_MERGE_AFTER_SECONDS
                + " s is one part), then a restarted job's replays of the last " + REPLAYED_WINDOWS + " windows (the values"
                + " stored: left out, their windows' rollups recomputed once)", dataset);
        store.transport().execute("OPTIMIZE TABLE " + store.schema().localTable() + " FINAL");
        store.transport().execute("OPTIMIZE TABLE " + store.schema().localRollupTable() + " FINAL");
        store.transport().execute("OPTIMIZE TABLE " + store.schema().localRecentTable() + " FINAL");
        timeQueries("after OPTIMIZE … FINAL of the three tables", dataset);
        printCompression();
        timeFirstAsksAfterNewWindows(dataset);

        store.sink().write(BenchmarkDataset.revised(dataset.scattered(), SCATTERED_REVISION));
        System.out.printf("%nworst case for FINAL: %,d second versions with other values spread over all windows (%s)%n",
                dataset.scattered().size(), parts());
        header();
        MachineActivity.Snapshot before = machine.snapshot();
        time("countAggregates", queries::countAggregates);
        time("topSources(all, 10)", () -> queries.topSources(all, 10));
        printActivity(before);
    }

    /** What ran beside the asks since {@code before}, and the machine's speed now: see {@link MachineActivity}. */
    private void printActivity(MachineActivity.Snapshot before) {
        System.out.printf("  (%s; %s)%n", machine.since(before), machine.reference());
    }

    /** Every aggregate in batches of 1,000 through the sink, back to back: merges run beside the inserts. */
    private void bulkLoad(List<WindowAggregate> rows) {
        AggregateSink sink = store.sink();
        int batches = (rows.size() + BATCH - 1) / BATCH;
        Samples wall = new Samples(batches);
        Samples inEngine = new Samples(batches);
        Samples cpuTime = new Samples(batches);
        Samples encoding = new Samples(batches);
        long loadStart = System.nanoTime();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<WindowAggregate> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            long encodeStart = System.nanoTime();
            RowEncoder.encode(batch, 0);
            encoding.add(System.nanoTime() - encodeStart);
            measured(() -> sink.write(batch), wall, inEngine, cpuTime);
        }
        lastWriteMillis = System.currentTimeMillis();
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("%nbulk load: %,d rows in %.1f s = %,.0f rows/s, %s%n", rows.size(), seconds, rows.size() / seconds, parts());
        printInserts("1,000-row insert, back to back", wall, inEngine, cpuTime);
        System.out.printf("  of which encoding the batch in Java: p50 %.1f ms%n", encoding.p(50));
    }

    /**
     * Writes the rows again once merges settled, a batch every 200 ms, through one sink — the write as a running
     * pipeline sees it: with other values, as the newest windows of the hour being written lie in fresh parts; with the
     * values stored, as a restarted job writes the windows since its last checkpoint (which the sink leaves out).
     */
    private void writeAgainPaced(List<WindowAggregate> rows, String values) throws InterruptedException {
        waitForMergesToSettle();
        AggregateSink sink = store.sink();
        int batches = (rows.size() + BATCH - 1) / BATCH;
        Samples wall = new Samples(batches);
        Samples inEngine = new Samples(batches);
        Samples cpuTime = new Samples(batches);
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<WindowAggregate> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            measured(() -> sink.write(batch), wall, inEngine, cpuTime);
            Thread.sleep(200);
        }
        lastWriteMillis = System.currentTimeMillis();
        System.out.printf("%nwrote the last windows again (%,d rows, %s), one batch every 200 ms:%n", rows.size(), values);
        printInserts("1,000-row write, paced", wall, inEngine, cpuTime);
    }

    private void measured(Runnable work, Samples wall, Samples inEngine, Samples cpuTime) {
        long engineBefore = engine.engineTime().elapsed().toNanos();
        long cpuBefore = cpu.nanos();
        long start = System.nanoTime();
        work.run();
        wall.add(System.nanoTime() - start);
        cpuTime.add(cpu.nanos() - cpuBefore);
        inEngine.add(engine.engineTime().elapsed().toNanos() - engineBefore);
    }

    private void printInserts(String what, Samples wall, Samples inEngine, Samples cpuTime) {
        System.out.printf("  %s: wall p50 %.1f ms, p95 %.1f ms | chDB p50 %.1f ms, p95 %.1f ms%s%n", what, wall.p(50), wall.p(95),
                inEngine.p(50), inEngine.p(95),
                cpu.available() ? String.format(" | process CPU p50 %.1f ms", cpuTime.p(50)) : "");
    }

    private void timeQueries(String moment, BenchmarkDataset dataset) {
        System.out.printf("%n%s (%s):%n", moment, parts());
        header();
        System.out.printf("  (%s before the first query)%n", cacheHeld());
        MachineActivity.Snapshot before = machine.snapshot();
        portQueries(dataset, dataset.endMillis()).forEach(this::time);
        printActivity(before);
    }

    /**
     * As a running pipeline meets a dashboard: a new window's 17,000 aggregates land as the job writes them (writes of
     * {@link #JOB_WRITE}, inserts of 1,000, back to back), then each query is asked once, its ranges ending with that
     * window — a dashboard's refresh after new data, its first ask of the fresh parts. {@link #NEW_WINDOWS} windows in a
     * row, with no pause: a job writes one a minute, so merges here have less time than there.
     */
    private void timeFirstAsksAfterNewWindows(BenchmarkDataset dataset) {
        Map<String, Samples> asks = new LinkedHashMap<>();
        portQueries(dataset, dataset.endMillis()).keySet().forEach(name -> asks.put(name, new Samples(NEW_WINDOWS)));
        Samples windowWrites = new Samples(NEW_WINDOWS);
        long gcBefore = gcMillis();
        MachineActivity.Snapshot before = machine.snapshot();
        for (int minutes = 1; minutes <= NEW_WINDOWS; minutes++) {
            List<WindowAggregate> window = dataset.laterWindow(minutes);
            long start = System.nanoTime();
            for (int from = 0; from < window.size(); from += JOB_WRITE) {
                store.sink().write(window.subList(from, Math.min(window.size(), from + JOB_WRITE)));
            }
            windowWrites.add(System.nanoTime() - start);
            portQueries(dataset, dataset.endMillis() + minutes * 60_000L).forEach((name, query) -> {
                long asked = System.nanoTime();
                query.get();
                asks.get(name).add(System.nanoTime() - asked);
            });
        }
        lastWriteMillis = System.currentTimeMillis();
        System.out.printf("%nfirst ask after each of %d new windows, written as the job writes them (%,d aggregates in writes of"
                + " %,d; p50 %.0f ms, p95 %.0f ms a window), ranges ending with it (%s):%n", NEW_WINDOWS,
                dataset.later().size() / NEW_WINDOWS, JOB_WRITE, windowWrites.p(50), windowWrites.p(95), parts());
        System.out.printf("  %-46s %9s %9s %9s%n", "query", "wall p50", "p95", "max");
        asks.forEach((name, wall) -> System.out.printf("  %-46s %9.1f %9.1f %9.1f%n", name, wall.p(50), wall.p(95), wall.p(100)));
        System.out.printf("  (this JVM's garbage collections, which hold the dataset too, took %,d ms over the section)%n",
                gcMillis() - gcBefore);
        printActivity(before);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Each query asked once right after a 1,000-row write of the newest window ({@code newestWindow}: as stored), ten
     * times, writes back to back. With the values stored: a restarted job's replay of what followed its checkpoint,
     * through one sink as the job's task has (it leaves the rows out and recomputes the window's rollups once). With
     * other values each time: a rewrite at full speed (a reprocessing; updates), whose fresh parts each ask reads for the
     * first time. What the earlier asks read stays in the uncompressed cache, as it does for a dashboard.
     */
    private void timeFirstAsksAfterWrites(BenchmarkDataset dataset, List<WindowAggregate> newestWindow, boolean otherValues) {
        int write = Math.min(BATCH, newestWindow.size()); // a run with fewer sources rewrites its whole window each time
        System.out.printf("%n%s: first ask after a %,d-row write of the newest window again, %d times each (%s):%n",
                otherValues ? "during a rewrite with other values at full speed" : "during a restarted job's replay (the values stored)",
                write, ASKS_AFTER_WRITES, parts());
        System.out.printf("  %-46s %9s %9s%n", "query", "wall p50", "p95");
        MachineActivity.Snapshot before = machine.snapshot();
        AggregateSink sink = store.sink();
        Map<String, Supplier<?>> asked = portQueries(dataset, dataset.endMillis());
        Samples writes = new Samples(ASKS_AFTER_WRITES * asked.size());
        int written = 0;
        for (Map.Entry<String, Supplier<?>> query : asked.entrySet()) {
            Samples wall = new Samples(ASKS_AFTER_WRITES);
            for (int i = 0; i < ASKS_AFTER_WRITES; i++) {
                int from = (written * write) % (newestWindow.size() - write + 1);
                List<WindowAggregate> rows = newestWindow.subList(from, from + write);
                List<WindowAggregate> batch = otherValues ? BenchmarkDataset.revised(rows, FIRST_REWRITE_REVISION + written) : rows;
                written++;
                long writeStart = System.nanoTime();
                sink.write(batch);
                writes.add(System.nanoTime() - writeStart);
                long start = System.nanoTime();
                query.getValue().get();
                wall.add(System.nanoTime() - start);
            }
            System.out.printf("  %-46s %9.1f %9.1f%n", query.getKey(), wall.p(50), wall.p(95));
        }
        lastWriteMillis = System.currentTimeMillis();
        System.out.printf("  (the %d writes: p50 %.1f ms, p95 %.1f ms, max %.1f ms)%n", written, writes.p(50), writes.p(95),
                writes.p(100));
        printActivity(before);
    }

    /** The rows of the last {@code count} windows of {@code rows}, which are in window order. */
    private static List<WindowAggregate> newest(List<WindowAggregate> rows, int count) {
        long from = rows.get(rows.size() - 1).window().startMillis() - (count - 1) * 60_000L;
        return rows.stream().filter(row -> row.window().startMillis() >= from).toList();
    }

    /** The port's queries as the benchmark asks them, by name, over the dataset's span of windows ending at {@code endMillis}. */
    private Map<String, Supplier<?>> portQueries(BenchmarkDataset dataset, long endMillis) {
        long first = endMillis - dataset.windows() * 60_000L;
        TimeRange all = new TimeRange(first, endMillis);
        TimeRange lastTen = new TimeRange(endMillis - 10 * 60_000L, endMillis);
        SourceId someSource = dataset.aggregates().get(dataset.aggregates().size() / 3).sourceId();
        TimeWindow firstWindow = new TimeWindow(first, first + 60_000);
        Map<String, Supplier<?>> named = new LinkedHashMap<>();
        named.put("countAggregates", queries::countAggregates);
        named.put("totalEvents(all)", () -> queries.totalEvents(all));
        named.put("latest(10)", () -> queries.latest(10));
        named.put("find(source, window)", () -> queries.find(someSource, firstWindow));
        named.put("topSources(all, 10)", () -> queries.topSources(all, 10));
        named.put("topSources(last 10 min, 10)", () -> queries.topSources(lastTen, 10));
        // As a dashboard's range, which ends anywhere: windows at both edges no ten-minute span fits.
        named.put("topSources(all but 3 min at ends, 10)", () -> queries.topSources(new TimeRange(first + 3 * 60_000L,
                endMillis - 3 * 60_000L), 10));
        named.put("rollupBySite(all, MINUTE)", () -> queries.rollupBySite(all, Granularity.MINUTE));
        named.put("rollupBySite(all, HOUR)", () -> queries.rollupBySite(all, Granularity.HOUR));
        named.put("rollupByCustomer(all, MINUTE)", () -> queries.rollupByCustomer(all, Granularity.MINUTE));
        named.put("rollupByCustomer(all, HOUR)", () -> queries.rollupByCustomer(all, Granularity.HOUR));
        named.put("series(source, temperature, all)", () -> queries.series(someSource, Metric.TEMPERATURE, all));
        named.put("series(source, temperature, last 10 min)", () -> queries.series(someSource, Metric.TEMPERATURE, lastTen));
        named.put("errorRate(all, MINUTE)", () -> queries.errorRate(all, Granularity.MINUTE));
        return named;
    }

    /** Other ways to read the latest version, for the top-10 query; all must give the same answer. */
    private void timeDedupAlternatives(TimeRange all) {
        String table = store.schema().queryTable();
        QueryParameters range = QueryParameters.builder().put("from", all.fromMillis()).put("to", all.toMillis()).build();
        String inRange = " WHERE window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')"
                + " AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("FINAL", "SELECT source_id, sum(event_count) AS e FROM " + table + " FINAL" + inRange
                + " GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
        variants.put("LIMIT 1 BY (source_id, window_start)", "SELECT source_id, sum(event_count) AS e FROM (SELECT source_id,"
                + " event_count FROM " + table + inRange + " ORDER BY written_at DESC LIMIT 1 BY source_id, window_start)"
                + " GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
        variants.put("argMax(event_count, written_at) GROUP BY key", "SELECT source_id, sum(c) AS e FROM (SELECT source_id,"
                + " window_start, argMax(event_count, written_at) AS c FROM " + table + inRange
                + " GROUP BY source_id, window_start) GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
        System.out.printf("%ntop-10 sources over all windows, other ways to read the latest version:%n");
        header();
        List<List<List<String>>> answers = new java.util.ArrayList<>();
        variants.forEach((name, sql) -> {
            time(name, () -> store.transport().query(sql, range));
            answers.add(store.transport().query(sql, range).rows());
        });
        System.out.println("all three give the same top 10: " + (answers.stream().distinct().count() == 1));
    }

    /**
     * Until the table's forced merges are due (no write for their age), then until no merge runs and the part
     * count held still for a poll, or three minutes passed.
     */
    private void waitForMergesToSettle() throws InterruptedException {
        long forcedMergesDue = lastWriteMillis + (SensorsSchema.FORCE_MERGE_AFTER_SECONDS + 10) * 1000L;
        Thread.sleep(Math.max(0, forcedMergesDue - System.currentTimeMillis()));
        long deadline = System.currentTimeMillis() + SETTLE_LIMIT_MILLIS;
        String previous = "";
        while (System.currentTimeMillis() < deadline) {
            String now = store.transport().query("SELECT count() FROM system.merges", QueryParameters.none()).singleValue()
                    + " merges, " + parts();
            if (now.startsWith("0 merges") && now.equals(previous)) {
                return;
            }
            previous = now;
            Thread.sleep(3_000);
        }
    }

    private String parts() {
        List<String> r = store.transport().query("SELECT count(), sum(rows), uniqExact(partition) FROM system.parts WHERE active"
                + " AND database = {db:String} AND table = {t:String}", tableParameters()).rows().get(0);
        return String.format("%s active parts holding %,d rows in %s hourly partitions", r.get(0), Long.parseLong(r.get(1)), r.get(2));
    }

    private void printCompression() {
        TextTable answer = store.transport().query("SELECT multiIf(type LIKE 'DateTime%', 'times', type LIKE '%String%', 'ids',"
                + " type = 'Float64', 'metrics', 'counts') AS kind, sum(data_compressed_bytes), sum(data_uncompressed_bytes)"
                + " FROM system.columns WHERE database = {db:String} AND table = {t:String} GROUP BY kind ORDER BY kind",
                tableParameters());
        long compressed = 0;
        long uncompressed = 0;
        StringBuilder kinds = new StringBuilder();
        for (List<String> r : answer.rows()) {
            long c = Long.parseLong(r.get(1));
            long u = Long.parseLong(r.get(2));
            compressed += c;
            uncompressed += u;
            kinds.append(String.format("%s %.1f×, ", r.get(0), (double) u / c));
        }
        System.out.printf("%nstorage (%s): %,.1f MB uncompressed → %,.1f MB on disk: compression ratio %.1f× (%s)%n", parts(),
                uncompressed / 1e6, compressed / 1e6, (double) uncompressed / compressed,
                kinds.substring(0, Math.max(0, kinds.length() - 2)));
    }

    private QueryParameters tableParameters() {
        return QueryParameters.builder().put("db", store.settings().database()).put("t", store.settings().table()).build();
    }

    private static void header() {
        System.out.printf("  %-46s %9s %9s | %9s %9s | %9s %9s%n", "query (dedup as the port runs it)", "wall p50", "p95", "chDB p50",
                "p95", "cold p50", "p95");
    }

    private String cacheHeld() {
        return String.format("the uncompressed cache holds %,.1f MB", Long.parseLong(store.transport().query(
                "SELECT value FROM system.metrics WHERE metric = 'UncompressedCacheBytes'", QueryParameters.none()).singleValue()) / 1e6);
    }

    private void time(String name, Supplier<?> query) {
        for (int i = 0; i < WARM_UP; i++) {
            query.get();
        }
        Samples wall = new Samples(RUNS);
        Samples inEngine = new Samples(RUNS);
        Samples ignoredCpu = new Samples(RUNS);
        for (int i = 0; i < RUNS; i++) {
            measured(query::get, wall, inEngine, ignoredCpu);
        }
        Samples cold = new Samples(COLD_RUNS);
        for (int i = 0; i < COLD_RUNS; i++) {
            store.transport().execute("SYSTEM DROP UNCOMPRESSED CACHE");
            long start = System.nanoTime();
            query.get();
            cold.add(System.nanoTime() - start);
        }
        System.out.printf("  %-46s %9.1f %9.1f | %9.1f %9.1f | %9.1f %9.1f%n", name, wall.p(50), wall.p(95), inEngine.p(50),
                inEngine.p(95), cold.p(50), cold.p(95));
    }
}
