package dev.brook.adapters.clickhouse.bench;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.TextTable;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.TimeRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The store's figures on the embedded engine: ≥ 1,000,000 aggregate rows (17,000 sources × 60 one-minute
 * windows, made by the domain's generator and WindowAccumulator), insert throughput, compression ratio,
 * and p50/p95 of every analytics query with the dedup the queries really use (FINAL) — measured before
 * background merges, with 2 % of the windows written twice (replays), which is the slow case for FINAL.
 * Alternatives to FINAL (argMax, LIMIT 1 BY) are timed beside it for the top-N query.
 *
 * <p>Run: {@code ./mvnw -B -q -pl adapters-clickhouse -am test-compile && ./mvnw -B -q -pl adapters-clickhouse
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.brook.adapters.clickhouse.bench.QueryBenchmark
 * [-Dexec.args="17000 60"]}
 */
public final class QueryBenchmark {

    private static final int WARM_UP = 3;
    private static final int RUNS = 30;

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 17_000;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dataDir = Files.createTempDirectory("brook-query-bench");

        long t0 = System.nanoTime();
        List<WindowAggregate> rows = aggregates(sources, windows);
        System.out.printf("dataset: %,d aggregates (%,d sources × %d windows) built from generated events in %.1f s%n",
                rows.size(), sources, windows, (System.nanoTime() - t0) / 1e9);

        try (ClickHouseStore store = ClickHouseStore.open(ClickHouseSettings.embedded(dataDir))) {
            AggregateSink sink = store.sink();
            long[] insertNanos = new long[(rows.size() + 999) / 1_000];
            long insertStart = System.nanoTime();
            for (int i = 0, b = 0; i < rows.size(); i += 1_000, b++) {
                List<WindowAggregate> batch = rows.subList(i, Math.min(rows.size(), i + 1_000));
                long start = System.nanoTime();
                sink.write(batch);
                insertNanos[b] = System.nanoTime() - start;
            }
            double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
            System.out.printf("insert: %,d rows in %.1f s = %,.0f rows/s; 1,000-row insert p50 %.1f ms, p95 %.1f ms%n",
                    rows.size(), insertSeconds, rows.size() / insertSeconds, percentile(insertNanos, 50), percentile(insertNanos, 95));

            // Replays: 2 % of the windows again, as a restarted job would write them.
            List<WindowAggregate> replayed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += 50) {
                replayed.add(rows.get(i));
            }
            sink.write(replayed);
            System.out.printf("replayed %,d windows (second versions, not yet merged)%n", replayed.size());

            printCompression(store);
            AggregateQueries queries = store.queries();
            long first = rows.stream().mapToLong(r -> r.window().startMillis()).min().orElseThrow();
            TimeRange all = new TimeRange(first, first + windows * 60_000L);
            TimeRange lastTen = new TimeRange(first + (windows - 10) * 60_000L, first + windows * 60_000L);
            SourceId someSource = rows.get(rows.size() / 3).sourceId();

            long count = queries.countAggregates();
            System.out.printf("count with dedup: %,d (distinct windows written: %,d)%n", count, rows.size());
            System.out.println();
            System.out.printf("%-52s %9s %9s%n", "query (FINAL dedup, as the port runs it)", "p50 ms", "p95 ms");
            time("countAggregates", queries::countAggregates);
            time("totalEvents(all)", () -> queries.totalEvents(all));
            time("latest(10)", () -> queries.latest(10));
            time("find(source, window)", () -> queries.find(someSource, new TimeWindow(first, first + 60_000)));
            time("topSources(all, 10)", () -> queries.topSources(all, 10));
            time("topSources(last 10 min, 10)", () -> queries.topSources(lastTen, 10));
            time("rollupBySite(all, MINUTE)", () -> queries.rollupBySite(all, Granularity.MINUTE));
            time("rollupBySite(all, HOUR)", () -> queries.rollupBySite(all, Granularity.HOUR));
            time("rollupByCustomer(all, MINUTE)", () -> queries.rollupByCustomer(all, Granularity.MINUTE));
            time("rollupByCustomer(all, HOUR)", () -> queries.rollupByCustomer(all, Granularity.HOUR));
            time("series(source, temperature, all)", () -> queries.series(someSource, Metric.TEMPERATURE, all));
            time("errorRate(all, MINUTE)", () -> queries.errorRate(all, Granularity.MINUTE));

            System.out.println();
            System.out.println("top-10 sources over all windows, other ways to read the latest version:");
            String table = store.schema().queryTable();
            QueryParameters range = QueryParameters.builder().put("from", all.fromMillis()).put("to", all.toMillis()).build();
            String inRange = " WHERE window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')"
                    + " AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";
            Map<String, String> variants = new java.util.LinkedHashMap<>();
            variants.put("FINAL", "SELECT source_id, sum(event_count) AS e FROM " + table + " FINAL" + inRange
                    + " GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
            variants.put("LIMIT 1 BY (source_id, window_start)", "SELECT source_id, sum(event_count) AS e FROM (SELECT source_id,"
                    + " event_count FROM " + table + inRange + " ORDER BY written_at DESC LIMIT 1 BY source_id, window_start)"
                    + " GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
            variants.put("argMax(event_count, written_at) GROUP BY key", "SELECT source_id, sum(c) AS e FROM (SELECT source_id,"
                    + " window_start, argMax(event_count, written_at) AS c FROM " + table + inRange
                    + " GROUP BY source_id, window_start) GROUP BY source_id ORDER BY e DESC, source_id LIMIT 10");
            Map<String, List<List<String>>> answers = new HashMap<>();
            variants.forEach((name, sql) -> {
                time(name, () -> store.transport().query(sql, range));
                answers.put(name, store.transport().query(sql, range).rows());
            });
            System.out.println("all three variants give the same top 10: " + (answers.values().stream().distinct().count() == 1));

            store.transport().execute("OPTIMIZE TABLE " + store.schema().localTable() + " FINAL");
            System.out.println();
            System.out.println("after OPTIMIZE … FINAL (parts merged, replays collapsed):");
            time("topSources(all, 10)", () -> queries.topSources(all, 10));
            time("series(source, temperature, all)", () -> queries.series(someSource, Metric.TEMPERATURE, all));
            printCompression(store);
        }
    }

    /** Events for every source in every window, aggregated per (source, window) like the job does. */
    private static List<WindowAggregate> aggregates(int sources, int windows) {
        TumblingWindows minutes = TumblingWindows.ofDefaultSize();
        long now = System.currentTimeMillis();
        long start = minutes.windowOf(now - (windows + 30) * 60_000L).startMillis();
        int eventsPerSourceAndWindow = 8;
        double rate = sources * eventsPerSourceAndWindow / 60.0;
        EventGenerator generator = new EventGenerator(new GeneratorSettings(42, sources, DomainProfiles.byName("iot"), start, rate, 0));
        // Event times only grow (no disorder), so a window is complete once an event of a later one arrives.
        List<WindowAggregate> rows = new ArrayList<>();
        Map<SourceId, WindowAccumulator> current = new HashMap<>();
        long currentStart = -1;
        long events = (long) sources * eventsPerSourceAndWindow * windows;
        for (long i = 0; i < events; i++) {
            Event event = generator.next();
            long windowStart = minutes.windowOf(event.eventTimeMillis()).startMillis();
            if (windowStart != currentStart) {
                close(current, currentStart, rows);
                currentStart = windowStart;
            }
            current.computeIfAbsent(event.sourceId(), s -> new WindowAccumulator()).add(event);
        }
        close(current, currentStart, rows);
        return rows;
    }

    private static void close(Map<SourceId, WindowAccumulator> window, long start, List<WindowAggregate> rows) {
        window.forEach((source, accumulator) -> rows.add(accumulator.toAggregate(new TimeWindow(start, start + 60_000))));
        window.clear();
    }

    private static void printCompression(ClickHouseStore store) {
        TextTable answer = store.transport().query("SELECT sum(data_compressed_bytes), sum(data_uncompressed_bytes), sum(rows),"
                + " count() FROM system.parts WHERE active AND database = {db:String} AND table = {t:String}",
                QueryParameters.builder().put("db", store.settings().database()).put("t", store.settings().table()).build());
        List<String> r = answer.rows().get(0);
        long compressed = Long.parseLong(r.get(0));
        long uncompressed = Long.parseLong(r.get(1));
        System.out.printf("storage: %,d rows in %s parts, %,.1f MB uncompressed → %,.1f MB on disk: compression ratio %.1f×%n",
                Long.parseLong(r.get(2)), r.get(3), uncompressed / 1e6, compressed / 1e6, (double) uncompressed / compressed);
    }

    private static void time(String name, Supplier<?> query) {
        for (int i = 0; i < WARM_UP; i++) {
            query.get();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - start;
        }
        System.out.printf("%-52s %9.1f %9.1f%n", name, percentile(nanos, 50), percentile(nanos, 95));
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
