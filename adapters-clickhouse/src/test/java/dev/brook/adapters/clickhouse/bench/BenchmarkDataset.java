package dev.brook.adapters.clickhouse.bench;

import dev.brook.core.domain.aggregation.MetricStats;
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

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's aggregates: events of the domain's generator ({@code iot} profile, 8 per source and
 * one-minute window), aggregated per (source, window) by {@link WindowAccumulator} like the job does, in
 * the order the job emits them (window by window, sources in no particular order). The windows straddle
 * the start of the last hour that has ended, well inside the table's TTL.
 *
 * @param aggregates the {@code windows} windows' aggregates, loaded before the queries are timed
 * @param later the aggregates of the windows that follow, from the same stream: what a running job writes next
 * @param rounded whether readings were rounded to 0.01, as sensors report them
 */
record BenchmarkDataset(List<WindowAggregate> aggregates, List<WindowAggregate> later, int sources, int windows,
                        long firstWindowStartMillis, boolean rounded) {

    private static final int EVENTS_PER_SOURCE_AND_WINDOW = 8;

    static BenchmarkDataset generate(int sources, int windows, int laterWindows, boolean rounded) {
        TumblingWindows minutes = TumblingWindows.ofDefaultSize();
        // Half the windows in one hour, half in the next (the table's partitions): what a query over the last
        // hour sees of a running pipeline on average. Placed by the clock's hour, so every run has the same layout,
        // around the current hour (later ones in the future), so the recent rows table holds them through the run, as
        // it holds a running pipeline's last hour.
        long currentHour = System.currentTimeMillis() / 3_600_000 * 3_600_000;
        long first = currentHour - windows / 2 * 60_000L;
        double eventsPerSecond = sources * EVENTS_PER_SOURCE_AND_WINDOW / 60.0;
        EventGenerator generator = new EventGenerator(new GeneratorSettings(42, sources, DomainProfiles.byName("iot"), first,
                eventsPerSecond, 0));
        // Event times only grow (no disorder), so a window is complete once an event of a later one arrives.
        List<WindowAggregate> rows = new ArrayList<>();
        Map<SourceId, WindowAccumulator> open = new HashMap<>();
        long openStart = -1;
        long events = (long) sources * EVENTS_PER_SOURCE_AND_WINDOW * (windows + laterWindows);
        for (long i = 0; i < events; i++) {
            Event event = rounded ? roundReadings(generator.next()) : generator.next();
            long windowStart = minutes.windowOf(event.eventTimeMillis()).startMillis();
            if (windowStart != openStart) {
                close(open, openStart, rows);
                openStart = windowStart;
            }
            open.computeIfAbsent(event.sourceId(), s -> new WindowAccumulator()).add(event);
        }
        close(open, openStart, rows);
        long end = first + windows * 60_000L;
        return new BenchmarkDataset(rows.stream().filter(a -> a.window().startMillis() < end).toList(),
                rows.stream().filter(a -> a.window().startMillis() >= end).toList(), sources, windows, first, rounded);
    }

    /** The last {@code count} windows' aggregates: what a job restarted from a checkpoint writes again. */
    List<WindowAggregate> lastWindows(int count) {
        long from = firstWindowStartMillis + (windows - count) * 60_000L;
        return aggregates.stream().filter(a -> a.window().startMillis() >= from).toList();
    }

    /** The aggregates of the {@code n}-th window after the loaded ones (from 1), in the order the job emitted them. */
    List<WindowAggregate> laterWindow(int n) {
        long start = endMillis() + (n - 1) * 60_000L;
        return later.stream().filter(a -> a.window().startMillis() == start).toList();
    }

    /** The end of the last loaded window. */
    long endMillis() {
        return firstWindowStartMillis + windows * 60_000L;
    }

    /** Every 50th aggregate, across all windows: replays spread over the whole range, the worst case for FINAL. */
    List<WindowAggregate> scattered() {
        List<WindowAggregate> picked = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i += 50) {
            picked.add(aggregates.get(i));
        }
        return picked;
    }

    /**
     * {@code rows} with other values: the temperature sum raised by {@code revision} thousandths, so each revision
     * differs from every other. As a late event's update or a reprocessing writes a window again, which the sink
     * stores, where it leaves out a replay of the values it holds.
     */
    static List<WindowAggregate> revised(List<WindowAggregate> rows, int revision) {
        return rows.stream().map(row -> {
            Map<Metric, MetricStats> metrics = new EnumMap<>(row.metrics());
            MetricStats temperature = row.stats(Metric.TEMPERATURE);
            metrics.put(Metric.TEMPERATURE, new MetricStats(temperature.min(), temperature.max(), temperature.sum() + revision / 1000.0));
            return new WindowAggregate(row.sourceId(), row.window(), row.customerId(), row.siteId(), row.eventType(),
                    row.eventCount(), metrics, row.statusCounts(), row.motionCount(), row.firstEventTimeMillis(),
                    row.lastEventTimeMillis());
        }).toList();
    }

    private static void close(Map<SourceId, WindowAccumulator> window, long start, List<WindowAggregate> rows) {
        window.forEach((source, accumulator) -> rows.add(accumulator.toAggregate(new TimeWindow(start, start + 60_000))));
        window.clear();
    }

    /** The generator draws full-precision doubles; a sensor reports a few decimals. */
    private static Event roundReadings(Event e) {
        return new Event(e.sourceId(), e.eventType(), e.customerId(), e.siteId(), e.latitude(), e.longitude(), e.altitude(),
                e.eventTimeMillis(), hundredths(e.temperature()), hundredths(e.humidity()), hundredths(e.pressure()),
                hundredths(e.co2Level()), hundredths(e.noiseLevel()), hundredths(e.lightLevel()), e.motionDetected(),
                hundredths(e.batteryLevel()), hundredths(e.signalStrength()), hundredths(e.memoryUsage()),
                hundredths(e.cpuUsage()), e.status(), e.errorCount(), e.packetsSent(), e.packetsReceived(), e.bytesSent(),
                e.bytesReceived());
    }

    private static double hundredths(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
