package dev.brook.adapters.flink;

import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.adapters.flink.types.WindowAggregateSerializer;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.testing.EventBuilder;
import dev.brook.core.domain.testing.ReferenceAggregation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's keyed window stage (Flink's window operator with Brook's functions) in Flink's operator test harness. */
class WindowStageTest {

    private static final TumblingWindows MINUTES = TumblingWindows.ofDefaultSize();
    private static final long T0 = TestEvents.START_MILLIS;
    private static final TimeWindow FIRST = MINUTES.windowOf(T0);
    private static final TimeWindow SECOND = MINUTES.windowOf(T0 + 60_000);

    @Test
    void mergesPartialsIntoOneAggregatePerSourceAndWindowEqualToTheReference() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(EventBuilder.valid().source(i % 2).time(T0 + i * 1_000L).temperature(-5 + i).cpuUsage(i * 7.5).build());
        }
        events.add(EventBuilder.valid().source(0).time(T0 + 60_000).build()); // next window

        try (var harness = harness(Duration.ZERO)) {
            // Partials as two combiners would send them: events split between them arbitrarily.
            for (int i = 0; i < events.size(); i += 3) {
                for (Event event : events.subList(i, Math.min(i + 3, events.size()))) {
                    TimeWindow window = MINUTES.windowOf(event.eventTimeMillis());
                    harness.processElement(new WindowAccumulator().add(event), window.maxTimestamp());
                }
            }
            harness.processWatermark(FIRST.maxTimestamp());

            List<WindowAggregate> fired = harness.extractOutputValues();
            assertThat(fired).extracting(WindowAggregate::eventCount).containsExactlyInAnyOrder(6L, 6L);
            var expected = new java.util.TreeMap<>(ReferenceAggregation.aggregate(events.subList(0, 12), MINUTES));
            assertThat(ReferenceAggregation.differences(expected, fired, 1e-12)).isEmpty();
        }
    }

    @Test
    void rewritesAWindowWithItsFullCountWhenALatePartialArrivesWithinTheAllowedLateness() throws Exception {
        try (var harness = harness(Duration.ofSeconds(10))) {
            harness.processElement(partial(3, T0 + 1, T0 + 2), FIRST.maxTimestamp());
            harness.processWatermark(FIRST.maxTimestamp());
            harness.processElement(partial(3, T0 + 3), FIRST.maxTimestamp());
            harness.processWatermark(FIRST.maxTimestamp() + 10_000);
            harness.processElement(partial(3, T0 + 4), FIRST.maxTimestamp());

            assertThat(harness.extractOutputValues()).extracting(WindowAggregate::eventCount)
                    .as("first firing, then the same (source, window) again with all of its events")
                    .containsExactly(2L, 3L);
            assertThat(harness.getSideOutput(WindowAggregationJob.LATE_PARTIALS)).extracting(r -> r.getValue().eventCount())
                    .containsExactly(1L);
        }
    }

    @Test
    void windowStateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(Duration.ZERO)) {
            harness.processElement(partial(1, T0 + 1, T0 + 2), FIRST.maxTimestamp());
            harness.processElement(partial(2, T0 + 3), FIRST.maxTimestamp());
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(Duration.ZERO, snapshot)) {
            restored.processElement(partial(1, T0 + 4), FIRST.maxTimestamp());
            restored.processWatermark(FIRST.maxTimestamp());

            assertThat(restored.extractOutputValues())
                    .extracting(a -> a.sourceId().index() + "=" + a.eventCount())
                    .containsExactlyInAnyOrder("1=3", "2=1");
        }
    }

    @Test
    void aWindowClosedBeforeARestoreIsNotReopenedByItsReplayedPartials() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(Duration.ZERO)) {
            harness.processElement(partial(1, T0 + 1, T0 + 2, T0 + 3), FIRST.maxTimestamp());
            harness.processWatermark(FIRST.maxTimestamp());
            assertThat(harness.extractOutputValues()).extracting(WindowAggregate::eventCount).containsExactly(3L);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(Duration.ZERO, snapshot)) {
            // No watermark is restored: to the window operator a partial replayed for the closed window is not late.
            restored.processElement(partial(1, T0 + 4), FIRST.maxTimestamp());
            restored.processElement(partial(1, T0 + 60_001), SECOND.maxTimestamp());
            restored.processWatermark(SECOND.maxTimestamp());

            assertThat(restored.extractOutputValues()).as("the next window only: the closed one's stored row stays")
                    .extracting(WindowAggregate::window).containsExactly(SECOND);
            assertThat(restored.getSideOutput(WindowAggregationJob.LATE_PARTIALS)).extracting(r -> r.getValue().eventCount())
                    .containsExactly(1L);
        }
    }

    @Test
    void aWindowStillWithinItsLatenessAtTheRestoreTakesALatePartialWithItsFullCount() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(Duration.ofSeconds(10))) {
            harness.processElement(partial(1, T0 + 1, T0 + 2), FIRST.maxTimestamp());
            harness.processWatermark(FIRST.maxTimestamp());
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(Duration.ofSeconds(10), snapshot)) {
            restored.processElement(partial(1, T0 + 3), FIRST.maxTimestamp());
            restored.processWatermark(FIRST.maxTimestamp() + 10_000);

            assertThat(restored.extractOutputValues()).extracting(WindowAggregate::eventCount).containsExactly(3L);
            assertThat(restored.getSideOutput(WindowAggregationJob.LATE_PARTIALS)).isNullOrEmpty();
        }
    }

    private static WindowAccumulator partial(int source, long... times) {
        WindowAccumulator partial = new WindowAccumulator();
        for (long time : times) {
            partial.add(EventBuilder.valid().source(source).time(time).build());
        }
        return partial;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, WindowAccumulator, WindowAggregate> harness(
            Duration allowedLateness) throws Exception {
        return harness(allowedLateness, null);
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, WindowAccumulator, WindowAggregate> harness(
            Duration allowedLateness, OperatorSubtaskState restoreFrom) throws Exception {
        JobSettings settings = JobSettings.builder("pulsar://localhost:6650", "http://localhost:8080")
                .allowedLateness(allowedLateness).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<WindowAggregate> stage = WindowAggregationJob.windowAggregates(
                env.fromData(BrookTypes.WINDOW_ACCUMULATOR, partial(0, T0)), settings);
        var operator = (OneInputStreamOperator<WindowAccumulator, WindowAggregate>)
                ((OneInputTransformation<WindowAccumulator, WindowAggregate>) stage.getTransformation()).getOperator();
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, WindowAggregationJob.BY_SOURCE, Types.STRING);
        harness.setup(WindowAggregateSerializer.INSTANCE);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }
}
