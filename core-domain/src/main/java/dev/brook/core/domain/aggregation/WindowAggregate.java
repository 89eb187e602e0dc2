package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The result of one window for one source: one row of {@code benchmark.sensors_local}.
 * Identified by (source, window): writing the same aggregate twice must change nothing.
 *
 * <p>{@code eventType}, {@code customerId} and {@code siteId} come from the window's earliest event
 * (ties broken by the smallest event type, then customer, then site), so the result does not depend on
 * arrival order.
 */
public record WindowAggregate(
        SourceId sourceId,
        TimeWindow window,
        String customerId,
        String siteId,
        String eventType,
        long eventCount,
        Map<Metric, MetricStats> metrics,
        StatusCounts statusCounts,
        long motionCount,
        long firstEventTimeMillis,
        long lastEventTimeMillis) {

    public WindowAggregate {
        if (sourceId == null || window == null || customerId == null || siteId == null || eventType == null
                || metrics == null || statusCounts == null) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window + " has a missing field");
        }
        if (eventCount < 1) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window
                    + " has event_count " + eventCount + "; it must be ≥ 1");
        }
        if (metrics.size() != Metric.count()) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window
                    + " must carry stats for all " + Metric.count() + " metrics, has " + metrics.keySet());
        }
        if (statusCounts.total() != eventCount) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window + ": status counts "
                    + statusCounts + " add up to " + statusCounts.total() + ", not event_count " + eventCount);
        }
        if (motionCount < 0 || motionCount > eventCount) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window
                    + ": motion count " + motionCount + " must be within 0.." + eventCount);
        }
        if (!window.contains(firstEventTimeMillis) || !window.contains(lastEventTimeMillis)
                || firstEventTimeMillis > lastEventTimeMillis) {
            throw new IllegalArgumentException("window aggregate of " + sourceId + " " + window + ": first/last event time "
                    + firstEventTimeMillis + "/" + lastEventTimeMillis + " must lie in the window, first ≤ last");
        }
        metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
    }

    public MetricStats stats(Metric metric) {
        return metrics.get(metric);
    }

    public double min(Metric metric) {
        return metrics.get(metric).min();
    }

    public double max(Metric metric) {
        return metrics.get(metric).max();
    }

    public double average(Metric metric) {
        return metrics.get(metric).average(eventCount);
    }
}
