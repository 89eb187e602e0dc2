package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowAggregateTest {

    private static final TimeWindow WINDOW = new TimeWindow(60_000, 120_000);
    private static final SourceId SOURCE = SourceId.ofIndex(5);

    private static Map<Metric, MetricStats> stats() {
        Map<Metric, MetricStats> stats = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.all()) {
            stats.put(metric, new MetricStats(1, 3, 4));
        }
        return stats;
    }

    private static WindowAggregate aggregate(long count, Map<Metric, MetricStats> stats, StatusCounts statuses,
                                             long motion, long first, long last) {
        return new WindowAggregate(SOURCE, WINDOW, "cust-000000", "site-00000", "thermostat", count, stats, statuses,
                motion, first, last);
    }

    @Test
    void aValidAggregateIsImmutableAndAnswersPerMetric() {
        Map<Metric, MetricStats> stats = stats();
        WindowAggregate aggregate = aggregate(2, stats, new StatusCounts(1, 0, 0, 1), 1, 60_000, 119_999);
        stats.put(Metric.TEMPERATURE, new MetricStats(-100, 100, 0));
        assertThat(aggregate.min(Metric.TEMPERATURE)).isEqualTo(1);
        assertThat(aggregate.max(Metric.CPU_USAGE)).isEqualTo(3);
        assertThat(aggregate.average(Metric.BYTES_SENT)).isEqualTo(2);
        assertThatThrownBy(() -> aggregate.metrics().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(aggregate.statusCounts().of(EventStatus.ERROR)).isEqualTo(1);
    }

    @Test
    void inconsistentAggregatesAreRefusedSayingWhy() {
        StatusCounts two = new StatusCounts(2, 0, 0, 0);
        assertThatThrownBy(() -> aggregate(0, stats(), new StatusCounts(0, 0, 0, 0), 0, 60_000, 60_000))
                .hasMessageContaining("event_count 0");
        Map<Metric, MetricStats> missing = stats();
        missing.remove(Metric.HUMIDITY);
        assertThatThrownBy(() -> aggregate(2, missing, two, 0, 60_000, 60_000)).hasMessageContaining("all 15 metrics");
        assertThatThrownBy(() -> aggregate(3, stats(), two, 0, 60_000, 60_000)).hasMessageContaining("add up to 2");
        assertThatThrownBy(() -> aggregate(2, stats(), two, 3, 60_000, 60_000)).hasMessageContaining("motion count 3");
        assertThatThrownBy(() -> aggregate(2, stats(), two, 0, 59_999, 60_000)).hasMessageContaining("lie in the window");
        assertThatThrownBy(() -> aggregate(2, stats(), two, 0, 60_000, 120_000)).hasMessageContaining("lie in the window");
        assertThatThrownBy(() -> aggregate(2, stats(), two, 0, 70_000, 60_000)).hasMessageContaining("first ≤ last");
        assertThatThrownBy(() -> new WindowAggregate(SOURCE, WINDOW, null, "site-00000", "t", 2, stats(), two, 0, 60_000, 60_000))
                .hasMessageContaining("missing field");
    }

    @Test
    void statsAndStatusCountsRefuseImpossibleValues() {
        assertThatThrownBy(() -> new MetricStats(2, 1, 3)).hasMessageContaining("min ≤ max");
        assertThatThrownBy(() -> new MetricStats(Double.NaN, 1, 3)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new MetricStats(0, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new StatusCounts(0, -1, 0, 0)).hasMessageContaining("offline=-1");
        assertThat(new StatusCounts(1, 2, 3, 4).total()).isEqualTo(10);
        assertThat(new MetricStats(-4, -1, -10).average(4)).isEqualTo(-2.5);
    }
}
