package dev.brook.core.domain.testing;

import dev.brook.core.domain.aggregation.MetricStats;
import dev.brook.core.domain.aggregation.StatusCounts;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The expected window aggregates of a list of events, computed the plain way: group by (source, window),
 * then loop. It shares no code with {@code WindowAccumulator} (not even the metric-to-field mapping) so
 * that tests anywhere in the pipeline can check the real results against an independent answer.
 *
 * <p>Sums are compensated (Neumaier), so they are the nearly exact sum of the values; compare a real
 * result's sums with a relative tolerance, since its summation order differs.
 */
public final class ReferenceAggregation {

    /** The identity of one aggregate: the store's key. */
    public record Key(SourceId source, TimeWindow window) implements Comparable<Key> {
        public static Key of(WindowAggregate aggregate) {
            return new Key(aggregate.sourceId(), aggregate.window());
        }

        @Override
        public int compareTo(Key other) {
            int byWindow = window.compareTo(other.window);
            return byWindow != 0 ? byWindow : source.compareTo(other.source);
        }
    }

    private ReferenceAggregation() {
    }

    /** The aggregate of every (source, window) the events touch, ordered by window then source. */
    public static SortedMap<Key, WindowAggregate> aggregate(Iterable<Event> events, TumblingWindows windows) {
        Map<Key, List<Event>> groups = new HashMap<>();
        for (Event event : events) {
            Key key = new Key(event.sourceId(), windows.windowOf(event.eventTimeMillis()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
        SortedMap<Key, WindowAggregate> result = new TreeMap<>();
        for (Map.Entry<Key, List<Event>> group : groups.entrySet()) {
            result.put(group.getKey(), aggregateGroup(group.getKey(), group.getValue()));
        }
        return Collections.unmodifiableSortedMap(result);
    }

    /** Sum of event counts over all aggregates. */
    public static long totalEvents(Collection<WindowAggregate> aggregates) {
        long total = 0;
        for (WindowAggregate aggregate : aggregates) {
            total += aggregate.eventCount();
        }
        return total;
    }

    private static WindowAggregate aggregateGroup(Key key, List<Event> events) {
        Event earliest = events.get(0);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long online = 0, offline = 0, maintenance = 0, error = 0, motion = 0;
        for (Event event : events) {
            first = Math.min(first, event.eventTimeMillis());
            last = Math.max(last, event.eventTimeMillis());
            if (isEarlier(event, earliest)) {
                earliest = event;
            }
            switch (event.status()) {
                case ONLINE -> online++;
                case OFFLINE -> offline++;
                case MAINTENANCE -> maintenance++;
                case ERROR -> error++;
            }
            if (event.motionDetected()) {
                motion++;
            }
        }
        Map<Metric, MetricStats> stats = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double compensation = 0;
            for (Event event : events) {
                double value = fieldOf(event, metric);
                min = Math.min(min, value);
                max = Math.max(max, value);
                double t = sum + value;
                compensation += Math.abs(sum) >= Math.abs(value) ? (sum - t) + value : (value - t) + sum;
                sum = t;
            }
            stats.put(metric, new MetricStats(min, max, sum + compensation));
        }
        return new WindowAggregate(key.source(), key.window(), earliest.customerId(), earliest.siteId(),
                earliest.eventType(), events.size(), stats, new StatusCounts(online, offline, maintenance, error),
                motion, first, last);
    }

    /** The spec's identity rule: the earliest event names the window; ties go to the smaller type, customer, site. */
    private static boolean isEarlier(Event a, Event b) {
        if (a.eventTimeMillis() != b.eventTimeMillis()) {
            return a.eventTimeMillis() < b.eventTimeMillis();
        }
        int byType = a.eventType().compareTo(b.eventType());
        if (byType != 0) {
            return byType < 0;
        }
        int byCustomer = a.customerId().compareTo(b.customerId());
        return byCustomer != 0 ? byCustomer < 0 : a.siteId().compareTo(b.siteId()) < 0;
    }

    /** Written out field by field on purpose: a wrong mapping in {@link Metric} must not pass unnoticed. */
    private static double fieldOf(Event e, Metric metric) {
        return switch (metric) {
            case TEMPERATURE -> e.temperature();
            case HUMIDITY -> e.humidity();
            case PRESSURE -> e.pressure();
            case CO2_LEVEL -> e.co2Level();
            case NOISE_LEVEL -> e.noiseLevel();
            case LIGHT_LEVEL -> e.lightLevel();
            case BATTERY_LEVEL -> e.batteryLevel();
            case SIGNAL_STRENGTH -> e.signalStrength();
            case MEMORY_USAGE -> e.memoryUsage();
            case CPU_USAGE -> e.cpuUsage();
            case ERROR_COUNT -> e.errorCount();
            case PACKETS_SENT -> e.packetsSent();
            case PACKETS_RECEIVED -> e.packetsReceived();
            case BYTES_SENT -> e.bytesSent();
            case BYTES_RECEIVED -> e.bytesReceived();
        };
    }

    /**
     * How {@code actual} differs from {@code expected}: empty when they agree. Counts, times, ids, minima
     * and maxima must be equal; sums and averages may differ by {@code relativeTolerance} (of the larger
     * magnitude, with an absolute floor of the same size for values near zero).
     */
    public static List<String> differences(WindowAggregate expected, WindowAggregate actual, double relativeTolerance) {
        List<String> out = new ArrayList<>();
        String where = expected.sourceId() + " " + expected.window() + ": ";
        compare(out, where + "source_id", expected.sourceId(), actual.sourceId());
        compare(out, where + "window", expected.window(), actual.window());
        compare(out, where + "customer_id", expected.customerId(), actual.customerId());
        compare(out, where + "site_id", expected.siteId(), actual.siteId());
        compare(out, where + "event_type", expected.eventType(), actual.eventType());
        compare(out, where + "event_count", expected.eventCount(), actual.eventCount());
        compare(out, where + "status counts", expected.statusCounts(), actual.statusCounts());
        compare(out, where + "motion count", expected.motionCount(), actual.motionCount());
        compare(out, where + "first event time", expected.firstEventTimeMillis(), actual.firstEventTimeMillis());
        compare(out, where + "last event time", expected.lastEventTimeMillis(), actual.lastEventTimeMillis());
        for (Metric metric : Metric.values()) {
            MetricStats e = expected.stats(metric);
            MetricStats a = actual.stats(metric);
            String name = where + metric.column();
            // Compared as numbers, not bits: a store may turn -0.0 into 0.0.
            if (e.min() != a.min()) {
                out.add(name + "_min expected " + e.min() + " but was " + a.min());
            }
            if (e.max() != a.max()) {
                out.add(name + "_max expected " + e.max() + " but was " + a.max());
            }
            if (!close(e.sum(), a.sum(), relativeTolerance)) {
                out.add(name + "_sum expected " + e.sum() + " but was " + a.sum());
            }
            double expectedAverage = e.average(expected.eventCount());
            double actualAverage = a.average(actual.eventCount());
            if (!close(expectedAverage, actualAverage, relativeTolerance)) {
                out.add(name + "_avg expected " + expectedAverage + " but was " + actualAverage);
            }
        }
        return out;
    }

    /**
     * How a set of real aggregates differs from the expected ones: aggregates missing, unexpected, duplicated
     * (the same key twice) or different. Empty when they agree.
     */
    public static List<String> differences(Map<Key, WindowAggregate> expected, Collection<WindowAggregate> actual,
                                           double relativeTolerance) {
        List<String> out = new ArrayList<>();
        Map<Key, WindowAggregate> actualByKey = new TreeMap<>();
        for (WindowAggregate aggregate : actual) {
            if (actualByKey.put(Key.of(aggregate), aggregate) != null) {
                out.add("duplicate aggregate for " + Key.of(aggregate));
            }
        }
        for (Map.Entry<Key, WindowAggregate> entry : expected.entrySet()) {
            WindowAggregate real = actualByKey.get(entry.getKey());
            if (real == null) {
                out.add("missing aggregate for " + entry.getKey());
            } else {
                out.addAll(differences(entry.getValue(), real, relativeTolerance));
            }
        }
        for (Key key : actualByKey.keySet()) {
            if (!expected.containsKey(key)) {
                out.add("unexpected aggregate for " + key);
            }
        }
        return out;
    }

    private static void compare(List<String> out, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            out.add(what + " expected " + expected + " but was " + actual);
        }
    }

    private static boolean close(double expected, double actual, double relativeTolerance) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        return Math.abs(expected - actual) <= relativeTolerance * scale;
    }

    /** Counts per status over the events, for tests that check totals without windows. */
    public static Map<EventStatus, Long> statusTotals(Iterable<Event> events) {
        Map<EventStatus, Long> totals = new EnumMap<>(EventStatus.class);
        for (EventStatus status : EventStatus.values()) {
            totals.put(status, 0L);
        }
        for (Event event : events) {
            totals.merge(event.status(), 1L, Long::sum);
        }
        return totals;
    }
}
