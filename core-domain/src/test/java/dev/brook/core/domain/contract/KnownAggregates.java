package dev.brook.core.domain.contract;

import dev.brook.core.domain.aggregation.MetricStats;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.query.ErrorRatePoint;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.MetricPoint;
import dev.brook.core.domain.port.out.query.Rollup;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;
import dev.brook.core.domain.testing.EventBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A known set of window aggregates and the answers every {@code AggregateQueries} must give on it,
 * computed here the plain way from the list (no store involved). Built from real events through
 * {@link WindowAccumulator}, so the rows look like the pipeline's: several sources per customer and
 * site, one-minute windows, some events with error status, uneven event counts.
 *
 * <p>Also usable outside the contract (e.g. to feed a sink in a pipeline test).
 */
public final class KnownAggregates {

    private final List<WindowAggregate> aggregates;

    private KnownAggregates(List<WindowAggregate> aggregates) {
        this.aggregates = List.copyOf(aggregates);
    }

    /**
     * {@code sources × windows} aggregates of one-minute windows starting at {@code firstWindowStartMillis}
     * (aligned to the minute). Source {@code i} has index {@code i * 37}, so customers (index/10) and
     * sites (index/100) group several sources each.
     */
    public static KnownAggregates of(int sources, int windows, long firstWindowStartMillis) {
        return of(sources, windows, firstWindowStartMillis, Duration.ofMinutes(1));
    }

    /** {@link #of(int, int, long)} with windows of another size, aligned to it. */
    public static KnownAggregates of(int sources, int windows, long firstWindowStartMillis, Duration windowSize) {
        TumblingWindows tumbling = new TumblingWindows(windowSize);
        long start = tumbling.windowOf(firstWindowStartMillis).startMillis();
        long size = windowSize.toMillis();
        List<WindowAggregate> rows = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            TimeWindow window = new TimeWindow(start + w * size, start + (w + 1) * size);
            for (int s = 0; s < sources; s++) {
                rows.add(aggregateOf(s, w, window));
            }
        }
        return new KnownAggregates(rows);
    }

    private static WindowAggregate aggregateOf(int s, int w, TimeWindow window) {
        WindowAccumulator accumulator = new WindowAccumulator();
        int events = 1 + (s * 7 + w * 3) % 5;
        for (int e = 0; e < events; e++) {
            EventStatus status = (s + w + e) % 6 == 0 ? EventStatus.ERROR
                    : (s + e) % 9 == 0 ? EventStatus.MAINTENANCE : EventStatus.ONLINE;
            accumulator.add(EventBuilder.valid()
                    .source(s * 37)
                    .time(window.startMillis() + (1_000L + e * 7_000L + s) % window.lengthMillis())
                    .temperature(18.0 + s * 0.37 + w * 0.11 + e * 0.013)
                    .humidity(40.0 + (s * 13 + e * 5) % 30)
                    .batteryLevel(100.0 - (w % 200) * 0.5 - e * 0.01) // within 0..100 however many windows
                    .cpuUsage(5.0 + (s * 17 + w * 29 + e * 31) % 90 + 0.25)
                    .status(status)
                    .errorCount(status == EventStatus.ERROR ? 1 + e % 3 : 0)
                    .motionDetected((s + e) % 4 == 0)
                    .build());
        }
        return accumulator.toAggregate(window);
    }

    public List<WindowAggregate> aggregates() {
        return aggregates;
    }

    /** These aggregates with {@code later} in place of the one of its source and window (as a late update writes it). */
    public KnownAggregates replacing(WindowAggregate later) {
        List<WindowAggregate> rows = new ArrayList<>();
        boolean replaced = false;
        for (WindowAggregate row : aggregates) {
            boolean same = row.sourceId().equals(later.sourceId()) && row.window().equals(later.window());
            rows.add(same ? later : row);
            replaced |= same;
        }
        if (!replaced) {
            throw new IllegalArgumentException("no aggregate of " + later.sourceId() + " " + later.window() + " to replace");
        }
        return new KnownAggregates(rows);
    }

    public int size() {
        return aggregates.size();
    }

    /** The range that holds every window. */
    public TimeRange fullRange() {
        long from = aggregates.stream().mapToLong(a -> a.window().startMillis()).min().orElseThrow();
        long to = aggregates.stream().mapToLong(a -> a.window().endMillis()).max().orElseThrow();
        return new TimeRange(from, to);
    }

    /** The windows starting in {@code [first window + fromMinute, first window + toMinute)}. */
    public TimeRange minutes(int fromMinute, int toMinute) {
        long first = fullRange().fromMillis();
        return new TimeRange(first + fromMinute * 60_000L, first + toMinute * 60_000L);
    }

    public List<WindowAggregate> in(TimeRange range) {
        return aggregates.stream().filter(a -> a.window().startMillis() >= range.fromMillis()
                && a.window().startMillis() < range.toMillis()).toList();
    }

    public long totalEvents(TimeRange range) {
        return in(range).stream().mapToLong(WindowAggregate::eventCount).sum();
    }

    public List<WindowAggregate> latest(int limit) {
        return aggregates.stream()
                .sorted(Comparator.comparingLong((WindowAggregate a) -> a.window().startMillis()).reversed()
                        .thenComparing(WindowAggregate::sourceId))
                .limit(limit).toList();
    }

    public List<SourceActivity> topSources(TimeRange range, int limit) {
        Map<SourceId, long[]> bySource = new TreeMap<>();
        for (WindowAggregate a : in(range)) {
            long[] totals = bySource.computeIfAbsent(a.sourceId(), k -> new long[2]);
            totals[0] += a.eventCount();
            totals[1]++;
        }
        return bySource.entrySet().stream()
                .map(e -> new SourceActivity(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(SourceActivity::eventCount).reversed().thenComparing(SourceActivity::sourceId))
                .limit(limit).toList();
    }

    public List<Rollup> rollupBySite(TimeRange range, Granularity granularity) {
        return rollup(range, granularity, WindowAggregate::siteId);
    }

    public List<Rollup> rollupByCustomer(TimeRange range, Granularity granularity) {
        return rollup(range, granularity, WindowAggregate::customerId);
    }

    private List<Rollup> rollup(TimeRange range, Granularity granularity, Function<WindowAggregate, String> key) {
        Map<Long, Map<String, List<WindowAggregate>>> groups = new TreeMap<>();
        for (WindowAggregate a : in(range)) {
            groups.computeIfAbsent(granularity.bucketStart(a.window().startMillis()), b -> new TreeMap<>())
                    .computeIfAbsent(key.apply(a), k -> new ArrayList<>()).add(a);
        }
        List<Rollup> rollups = new ArrayList<>();
        groups.forEach((bucket, byKey) -> byKey.forEach((k, rows) -> {
            Set<SourceId> sources = new HashSet<>();
            rows.forEach(r -> sources.add(r.sourceId()));
            rollups.add(new Rollup(bucket, k, rows.stream().mapToLong(WindowAggregate::eventCount).sum(), sources.size(),
                    rows.stream().mapToLong(r -> r.statusCounts().error()).sum()));
        }));
        return rollups;
    }

    public List<MetricPoint> series(SourceId source, Metric metric, TimeRange range) {
        return in(range).stream().filter(a -> a.sourceId().equals(source))
                .sorted(Comparator.comparingLong(a -> a.window().startMillis()))
                .map(a -> new MetricPoint(a.window().startMillis(), a.min(metric), a.average(metric), a.max(metric), a.eventCount()))
                .toList();
    }

    public List<ErrorRatePoint> errorRate(TimeRange range, Granularity granularity) {
        Map<Long, long[]> buckets = new TreeMap<>();
        for (WindowAggregate a : in(range)) {
            long[] totals = buckets.computeIfAbsent(granularity.bucketStart(a.window().startMillis()), b -> new long[2]);
            totals[0] += a.eventCount();
            totals[1] += a.statusCounts().error();
        }
        return buckets.entrySet().stream().map(e -> new ErrorRatePoint(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /**
     * Asserts that a stored aggregate reads back as written: every field equal, metric sums within a
     * relative 1e-9 (a store may keep the average and give back average × count).
     */
    public static void assertSameAggregate(WindowAggregate actual, WindowAggregate expected) {
        assertThat(actual.sourceId()).isEqualTo(expected.sourceId());
        assertThat(actual.window()).isEqualTo(expected.window());
        assertThat(actual.customerId()).isEqualTo(expected.customerId());
        assertThat(actual.siteId()).isEqualTo(expected.siteId());
        assertThat(actual.eventType()).isEqualTo(expected.eventType());
        assertThat(actual.eventCount()).isEqualTo(expected.eventCount());
        assertThat(actual.statusCounts()).isEqualTo(expected.statusCounts());
        assertThat(actual.motionCount()).isEqualTo(expected.motionCount());
        assertThat(actual.firstEventTimeMillis()).isEqualTo(expected.firstEventTimeMillis());
        assertThat(actual.lastEventTimeMillis()).isEqualTo(expected.lastEventTimeMillis());
        for (Metric metric : Metric.all()) {
            MetricStats a = actual.stats(metric);
            MetricStats e = expected.stats(metric);
            assertThat(a.min()).as("%s min of %s", metric, expected.sourceId()).isEqualTo(e.min());
            assertThat(a.max()).as("%s max of %s", metric, expected.sourceId()).isEqualTo(e.max());
            assertThat(a.sum()).as("%s sum of %s", metric, expected.sourceId())
                    .isCloseTo(e.sum(), within(1e-9 * Math.max(1, Math.abs(e.sum()))));
        }
    }

    /** Metric points compared the same way: exact but for a relative 1e-12 on the average. */
    public static void assertSamePoints(List<MetricPoint> actual, List<MetricPoint> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            MetricPoint a = actual.get(i);
            MetricPoint e = expected.get(i);
            assertThat(a.windowStartMillis()).isEqualTo(e.windowStartMillis());
            assertThat(a.eventCount()).isEqualTo(e.eventCount());
            assertThat(a.min()).isEqualTo(e.min());
            assertThat(a.max()).isEqualTo(e.max());
            assertThat(a.average()).isCloseTo(e.average(), within(1e-12 * Math.max(1, Math.abs(e.average()))));
        }
    }
}
