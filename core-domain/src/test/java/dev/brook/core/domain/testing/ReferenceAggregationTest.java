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
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle itself is checked against numbers worked out by hand. */
class ReferenceAggregationTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_704_067_200_000L; // a minute boundary

    @Test
    void groupsBySourceAndWindowAndComputesEveryFigure() {
        List<Event> events = List.of(
                EventBuilder.valid().source(7).time(T0 + 30_000).eventType("b_type").temperature(-5).packetsSent(10)
                        .status(EventStatus.ERROR).motionDetected(true).build(),
                EventBuilder.valid().source(7).time(T0 + 1_000).eventType("z_type").temperature(-1).packetsSent(30).build(),
                EventBuilder.valid().source(7).time(T0 + 59_999).eventType("a_type").temperature(-9).packetsSent(20)
                        .status(EventStatus.MAINTENANCE).build(),
                EventBuilder.valid().source(7).time(T0 + MINUTE).temperature(4).build(),
                EventBuilder.valid().source(8).time(T0 + 5).temperature(100).build());

        SortedMap<ReferenceAggregation.Key, WindowAggregate> result =
                ReferenceAggregation.aggregate(events, TumblingWindows.ofDefaultSize());

        TimeWindow first = new TimeWindow(T0, T0 + MINUTE);
        assertThat(result.keySet()).containsExactly(
                new ReferenceAggregation.Key(SourceId.ofIndex(7), first),
                new ReferenceAggregation.Key(SourceId.ofIndex(8), first),
                new ReferenceAggregation.Key(SourceId.ofIndex(7), new TimeWindow(T0 + MINUTE, T0 + 2 * MINUTE)));
        WindowAggregate a = result.get(new ReferenceAggregation.Key(SourceId.ofIndex(7), first));
        assertThat(a.eventCount()).isEqualTo(3);
        assertThat(a.stats(Metric.TEMPERATURE)).isEqualTo(new MetricStats(-9, -1, -15));
        assertThat(a.average(Metric.TEMPERATURE)).isEqualTo(-5);
        assertThat(a.stats(Metric.PACKETS_SENT)).isEqualTo(new MetricStats(10, 30, 60));
        assertThat(a.statusCounts()).isEqualTo(new StatusCounts(1, 0, 1, 1));
        assertThat(a.motionCount()).isEqualTo(1);
        assertThat(a.firstEventTimeMillis()).isEqualTo(T0 + 1_000);
        assertThat(a.lastEventTimeMillis()).isEqualTo(T0 + 59_999);
        assertThat(a.eventType()).as("identity of the earliest event").isEqualTo("z_type");
        assertThat(a.customerId()).isEqualTo("cust-000000");
        assertThat(ReferenceAggregation.totalEvents(result.values())).isEqualTo(5);
    }

    @Test
    void tiesOnTimeGoToTheSmallestTypeThenCustomerThenSite() {
        Event later = EventBuilder.valid().time(T0 + 2).eventType("a").build();
        Event b = EventBuilder.valid().time(T0 + 1).eventType("b").customerId("cust-000001").build();
        Event c = EventBuilder.valid().time(T0 + 1).eventType("b").customerId("cust-000000").siteId("site-00009").build();
        Event d = EventBuilder.valid().time(T0 + 1).eventType("b").customerId("cust-000000").siteId("site-00003").build();
        for (List<Event> order : List.of(List.of(later, b, c, d), List.of(d, c, b, later), List.of(c, later, d, b))) {
            WindowAggregate aggregate = ReferenceAggregation.aggregate(order, TumblingWindows.ofDefaultSize())
                    .values().iterator().next();
            assertThat(aggregate.customerId()).isEqualTo("cust-000000");
            assertThat(aggregate.siteId()).isEqualTo("site-00003");
        }
    }

    @Test
    void sumsAreCompensated() {
        // 1e15 + 1/16 + 1/16 - 1e15: a naive left-to-right double sum gives 0 (each 1/16 is half a unit in
        // the last place of 1e15 and rounds away), the true sum is 1/8.
        List<Event> events = List.of(
                EventBuilder.valid().time(T0).temperature(1e15).build(),
                EventBuilder.valid().time(T0 + 1).temperature(0.0625).build(),
                EventBuilder.valid().time(T0 + 2).temperature(0.0625).build(),
                EventBuilder.valid().time(T0 + 3).temperature(-1e15).build());
        WindowAggregate aggregate = ReferenceAggregation.aggregate(events, TumblingWindows.ofDefaultSize())
                .values().iterator().next();
        assertThat(aggregate.stats(Metric.TEMPERATURE).sum()).isEqualTo(0.125);
    }

    @Test
    void differencesNameWhatDiffersAndToleratesRoundingOfSums() {
        List<Event> events = List.of(EventBuilder.valid().time(T0).build(), EventBuilder.valid().time(T0 + 9).build());
        WindowAggregate expected = ReferenceAggregation.aggregate(events, TumblingWindows.ofDefaultSize())
                .values().iterator().next();
        assertThat(ReferenceAggregation.differences(expected, expected, 1e-9)).isEmpty();

        Map<Metric, MetricStats> stats = new EnumMap<>(expected.metrics());
        MetricStats t = stats.get(Metric.TEMPERATURE);
        stats.put(Metric.TEMPERATURE, new MetricStats(t.min(), t.max(), t.sum() * (1 + 1e-12)));
        stats.put(Metric.HUMIDITY, new MetricStats(0, 45, 90));
        WindowAggregate actual = new WindowAggregate(expected.sourceId(), expected.window(), expected.customerId(),
                expected.siteId(), "other_type", 2, stats, expected.statusCounts(), 0, expected.firstEventTimeMillis(),
                expected.lastEventTimeMillis());

        assertThat(ReferenceAggregation.differences(expected, actual, 1e-9))
                .hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("event_type expected temperature_sensor but was other_type"))
                .anySatisfy(d -> assertThat(d).contains("humidity_min expected 45.0 but was 0.0"));
        assertThat(ReferenceAggregation.differences(Map.of(ReferenceAggregation.Key.of(expected), expected),
                List.of(expected, expected), 1e-9)).containsExactly("duplicate aggregate for "
                + ReferenceAggregation.Key.of(expected));
        assertThat(ReferenceAggregation.differences(Map.of(), List.of(expected), 1e-9))
                .singleElement().asString().startsWith("unexpected aggregate");
        assertThat(ReferenceAggregation.differences(Map.of(ReferenceAggregation.Key.of(expected), expected), List.of(), 1e-9))
                .singleElement().asString().startsWith("missing aggregate");
    }

    @Test
    void statusTotalsCountEveryStatusIncludingZeros() {
        List<Event> events = List.of(EventBuilder.valid().status(EventStatus.ERROR).build(),
                EventBuilder.valid().status(EventStatus.ERROR).build(), EventBuilder.valid().build());
        assertThat(ReferenceAggregation.statusTotals(events)).containsExactlyInAnyOrderEntriesOf(Map.of(
                EventStatus.ONLINE, 1L, EventStatus.OFFLINE, 0L, EventStatus.MAINTENANCE, 0L, EventStatus.ERROR, 2L));
    }
}
