package dev.brook.app.local.testing;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.query.ErrorRatePoint;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.MetricPoint;
import dev.brook.core.domain.port.out.query.Rollup;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory query port over a list of aggregates, for dashboard tests (only what the dashboard reads). */
public final class FakeAggregateQueries implements AggregateQueries {

    private final List<WindowAggregate> stored = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    public void store(WindowAggregate aggregate) {
        stored.add(aggregate);
    }

    /** Makes every query fail with this until cleared with null. */
    public void failWith(RuntimeException error) {
        this.failure = error;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long countAggregates() {
        check();
        return stored.size();
    }

    @Override
    public List<WindowAggregate> latest(int limit) {
        check();
        return stored.stream()
                .sorted(Comparator.comparing(WindowAggregate::window).reversed().thenComparing(WindowAggregate::sourceId))
                .limit(limit).toList();
    }

    @Override
    public long totalEvents(TimeRange range) {
        check();
        return stored.stream().filter(a -> a.window().startMillis() >= range.fromMillis()
                && a.window().startMillis() < range.toMillis()).mapToLong(WindowAggregate::eventCount).sum();
    }

    @Override
    public Optional<WindowAggregate> find(SourceId source, TimeWindow window) {
        check();
        return stored.stream().filter(a -> a.sourceId().equals(source) && a.window().equals(window)).findFirst();
    }

    @Override
    public List<SourceActivity> topSources(TimeRange range, int limit) {
        throw new UnsupportedOperationException("not used by the dashboard");
    }

    @Override
    public List<Rollup> rollupBySite(TimeRange range, Granularity granularity) {
        throw new UnsupportedOperationException("not used by the dashboard");
    }

    @Override
    public List<Rollup> rollupByCustomer(TimeRange range, Granularity granularity) {
        throw new UnsupportedOperationException("not used by the dashboard");
    }

    @Override
    public List<MetricPoint> series(SourceId source, Metric metric, TimeRange range) {
        throw new UnsupportedOperationException("not used by the dashboard");
    }

    @Override
    public List<ErrorRatePoint> errorRate(TimeRange range, Granularity granularity) {
        throw new UnsupportedOperationException("not used by the dashboard");
    }
}
