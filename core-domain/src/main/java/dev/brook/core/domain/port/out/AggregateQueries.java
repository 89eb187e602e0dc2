package dev.brook.core.domain.port.out;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.query.ErrorRatePoint;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.MetricPoint;
import dev.brook.core.domain.port.out.query.Rollup;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;

import java.util.List;
import java.util.Optional;

/**
 * Reads the stored window aggregates. Every answer counts each (source, window) once, however often it
 * was written. Time ranges select windows by their start.
 */
public interface AggregateQueries {

    /** Number of stored (source, window) aggregates. */
    long countAggregates();

    /** Sum of event counts over the windows in the range. */
    long totalEvents(TimeRange range);

    /** The aggregate of one source and window, if stored. */
    Optional<WindowAggregate> find(SourceId source, TimeWindow window);

    /** The most recent aggregates, newest window first, then by source. */
    List<WindowAggregate> latest(int limit);

    /** The sources with the most events in the range, most first (ties by source id). */
    List<SourceActivity> topSources(TimeRange range, int limit);

    /** Events, sources and error events per site and time bucket. */
    List<Rollup> rollupBySite(TimeRange range, Granularity granularity);

    /** Events, sources and error events per customer and time bucket. */
    List<Rollup> rollupByCustomer(TimeRange range, Granularity granularity);

    /** One metric of one source, one point per window, oldest first. */
    List<MetricPoint> series(SourceId source, Metric metric, TimeRange range);

    /** Share of events with status error, per time bucket, oldest first. */
    List<ErrorRatePoint> errorRate(TimeRange range, Granularity granularity);
}
