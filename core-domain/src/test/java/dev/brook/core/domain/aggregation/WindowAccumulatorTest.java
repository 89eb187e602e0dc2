package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.testing.EventBuilder;
import dev.brook.core.domain.testing.ReferenceAggregation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowAccumulatorTest {

    private static final long T0 = 1_704_067_200_000L;
    private static final TimeWindow WINDOW = new TimeWindow(T0, T0 + 60_000);

    @Test
    void computesEveryFigureOfTheWindow() {
        WindowAccumulator acc = new WindowAccumulator()
                .add(EventBuilder.valid().time(T0 + 500).temperature(20).humidity(40).errorCount(0).packetsSent(100)
                        .motionDetected(true).build())
                .add(EventBuilder.valid().time(T0 + 100).temperature(30).humidity(60).errorCount(3).packetsSent(300)
                        .status(EventStatus.ERROR).build())
                .add(EventBuilder.valid().time(T0 + 59_999).temperature(25).humidity(50).errorCount(1).packetsSent(200)
                        .status(EventStatus.OFFLINE).motionDetected(true).build());

        WindowAggregate result = acc.toAggregate(WINDOW);

        assertThat(result.eventCount()).isEqualTo(3);
        assertThat(result.stats(Metric.TEMPERATURE)).isEqualTo(new MetricStats(20, 30, 75));
        assertThat(result.average(Metric.TEMPERATURE)).isEqualTo(25);
        assertThat(result.min(Metric.HUMIDITY)).isEqualTo(40);
        assertThat(result.max(Metric.HUMIDITY)).isEqualTo(60);
        assertThat(result.stats(Metric.ERROR_COUNT)).isEqualTo(new MetricStats(0, 3, 4));
        assertThat(result.average(Metric.PACKETS_SENT)).isEqualTo(200);
        assertThat(result.statusCounts()).isEqualTo(new StatusCounts(1, 1, 0, 1));
        assertThat(result.statusCounts().of(EventStatus.ERROR)).isEqualTo(1);
        assertThat(result.motionCount()).isEqualTo(2);
        assertThat(result.firstEventTimeMillis()).isEqualTo(T0 + 100);
        assertThat(result.lastEventTimeMillis()).isEqualTo(T0 + 59_999);
        assertThat(result.metrics()).hasSize(Metric.count());
    }

    @Test
    void maxIsRightWhenEveryValueIsNegative() {
        // The origin code started max at Double.MIN_VALUE (a positive number): every negative max came out wrong.
        WindowAccumulator acc = new WindowAccumulator()
                .add(EventBuilder.valid().temperature(-12.5).signalStrength(-90).build())
                .add(EventBuilder.valid().temperature(-3.25).signalStrength(-45).build())
                .add(EventBuilder.valid().temperature(-40).signalStrength(-110).build());
        WindowAggregate result = acc.toAggregate(WINDOW);
        assertThat(result.max(Metric.TEMPERATURE)).isEqualTo(-3.25);
        assertThat(result.min(Metric.TEMPERATURE)).isEqualTo(-40);
        assertThat(result.max(Metric.SIGNAL_STRENGTH)).isEqualTo(-45);
        assertThat(result.min(Metric.SIGNAL_STRENGTH)).isEqualTo(-110);
    }

    @Test
    void identityFieldsComeFromTheEarliestEventWhateverTheArrivalOrder() {
        List<Event> events = new ArrayList<>(List.of(
                EventBuilder.valid().time(T0 + 9).eventType("a_late").build(),
                EventBuilder.valid().time(T0 + 2).eventType("m_tie").customerId("cust-000009").build(),
                EventBuilder.valid().time(T0 + 2).eventType("m_tie").customerId("cust-000001").siteId("site-00008").build(),
                EventBuilder.valid().time(T0 + 2).eventType("m_tie").customerId("cust-000001").siteId("site-00002").build(),
                EventBuilder.valid().time(T0 + 2).eventType("z_tie").customerId("cust-000000").build(),
                EventBuilder.valid().time(T0 + 30).eventType("b_later").build()));
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            Collections.shuffle(events, random);
            WindowAccumulator acc = new WindowAccumulator();
            events.forEach(acc::add);
            WindowAggregate result = acc.toAggregate(WINDOW);
            assertThat(result.eventType()).isEqualTo("m_tie");
            assertThat(result.customerId()).isEqualTo("cust-000001");
            assertThat(result.siteId()).isEqualTo("site-00002");
            assertThat(result.firstEventTimeMillis()).isEqualTo(T0 + 2);
        }
    }

    @Test
    void addAndMergeAgreeOnSignedZero() {
        // Math.min treats -0.0 as below 0.0 while '<' calls them equal: both paths must pick the same one.
        Event negativeZero = EventBuilder.valid().temperature(-0.0).build();
        Event positiveZero = EventBuilder.valid().temperature(0.0).build();
        WindowAccumulator added = new WindowAccumulator().add(negativeZero).add(positiveZero);
        WindowAccumulator addedOtherOrder = new WindowAccumulator().add(positiveZero).add(negativeZero);
        WindowAccumulator merged = WindowAccumulator.merge(new WindowAccumulator().add(positiveZero),
                new WindowAccumulator().add(negativeZero));
        assertThat(added).isEqualTo(merged).isEqualTo(addedOtherOrder);
    }

    @Test
    void theLargestReadingsAnEventAcceptsNeverOverflowAWindowsSums() {
        // Any valid event must aggregate: a sum that overflowed to infinity would make the window unwritable.
        double largest = Event.MAX_ABS_READING;
        WindowAccumulator acc = new WindowAccumulator();
        for (int i = 0; i < 1_000; i++) {
            acc.add(EventBuilder.valid().temperature(largest).pressure(largest).altitude(-largest)
                    .signalStrength(-largest).lightLevel(largest).packetsSent(Long.MAX_VALUE).build());
        }
        WindowAggregate result = acc.toAggregate(WINDOW);
        assertThat(result.stats(Metric.TEMPERATURE).sum()).isEqualTo(largest * 1_000);
        assertThat(result.stats(Metric.SIGNAL_STRENGTH).sum()).isEqualTo(-largest * 1_000);
        // Even Long.MAX_VALUE events of the largest reading sum to a finite double.
        assertThat(largest * Long.MAX_VALUE).isFinite();
        assertThat((double) Long.MAX_VALUE * Long.MAX_VALUE).isFinite();
    }

    @Test
    void refusesEventsOfAnotherSource() {
        WindowAccumulator acc = new WindowAccumulator().add(EventBuilder.valid().source(1).build());
        assertThatThrownBy(() -> acc.add(EventBuilder.valid().source(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source-0000001").hasMessageContaining("source-0000002")
                .hasMessageContaining("key the stream by source");
        WindowAccumulator other = new WindowAccumulator().add(EventBuilder.valid().source(3).build());
        assertThatThrownBy(() -> acc.mergeFrom(other)).hasMessageContaining("source-0000003");
        assertThat(acc.eventCount()).isEqualTo(1);
    }

    @Test
    void emptyAccumulatorsHaveNoResultAndMergeAsNothing() {
        WindowAccumulator empty = new WindowAccumulator();
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(() -> empty.toAggregate(WINDOW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty");
        WindowAccumulator one = new WindowAccumulator().add(EventBuilder.valid().build());
        assertThat(WindowAccumulator.merge(one, empty)).isEqualTo(one);
        assertThat(WindowAccumulator.merge(empty, one)).isEqualTo(one);
        assertThat(WindowAccumulator.merge(empty, empty).isEmpty()).isTrue();
    }

    @Test
    void mergeAndCopyLeaveTheirInputsUnchanged() {
        WindowAccumulator a = new WindowAccumulator().add(EventBuilder.valid().temperature(1).build());
        WindowAccumulator b = new WindowAccumulator().add(EventBuilder.valid().temperature(2).build());
        WindowAccumulator aBefore = a.copy();
        WindowAccumulator merged = WindowAccumulator.merge(a, b);
        assertThat(merged.eventCount()).isEqualTo(2);
        assertThat(a).isEqualTo(aBefore);
        assertThat(b.eventCount()).isEqualTo(1);
        WindowAccumulator copy = a.copy();
        copy.add(EventBuilder.valid().build());
        assertThat(a.eventCount()).isEqualTo(1);
    }

    @Test
    void equalityCoversEveryIdentityField() {
        WindowAccumulator a = new WindowAccumulator().add(EventBuilder.valid().customerId("cust-000001").build());
        WindowAccumulator b = new WindowAccumulator().add(EventBuilder.valid().customerId("cust-000002").build());
        WindowAccumulator c = new WindowAccumulator().add(EventBuilder.valid().siteId("site-00002").build());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toAggregate(WINDOW)).isNotEqualTo(b.toAggregate(WINDOW));
        assertThat(new WindowAccumulator().add(EventBuilder.valid().build())).isNotEqualTo(c);
    }

    @Test
    void stateSurvivesWriteAndReadExactly() throws IOException {
        WindowAccumulator acc = new WindowAccumulator();
        EventGenerator generator = new EventGenerator(new GeneratorSettings(3, 1,
                dev.brook.core.domain.generation.DomainProfiles.byName("gaming"), T0, 100, 0));
        generator.next(500).forEach(acc::add);
        acc.add(EventBuilder.from(generator.next()).temperature(-0.0).packetsSent(Long.MAX_VALUE).build());

        WindowAccumulator restored = roundTrip(acc);
        assertThat(restored).isEqualTo(acc);
        assertThat(restored.toAggregate(new TimeWindow(T0, T0 + 60_000)))
                .isEqualTo(acc.toAggregate(new TimeWindow(T0, T0 + 60_000)));
        assertThat(roundTrip(new WindowAccumulator()).isEmpty()).isTrue();
        // A restored accumulator keeps accumulating like the original.
        Event next = EventBuilder.from(generator.next()).time(T0 + 1).build();
        assertThat(restored.add(next)).isEqualTo(acc.copy().add(next));
    }

    @Test
    void stateOfAnotherVersionIsRefusedWithAHint() {
        byte[] state = {99, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> WindowAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(state))))
                .isInstanceOf(IOException.class).hasMessageContaining("version 99").hasMessageContaining("checkpoint");
    }

    @Test
    void agreesWithTheIndependentReferenceOnGeneratedEvents() {
        EventGenerator generator = new EventGenerator(new GeneratorSettings(11, 25,
                dev.brook.core.domain.generation.DomainProfiles.byName("logistics"), T0, 200, 3_000));
        List<Event> events = generator.next(20_000); // 100 s of event time from a minute's start: two windows per source
        TumblingWindows windows = TumblingWindows.ofDefaultSize();
        Map<ReferenceAggregation.Key, WindowAccumulator> accumulators = new HashMap<>();
        for (Event event : events) {
            accumulators.computeIfAbsent(new ReferenceAggregation.Key(event.sourceId(), windows.windowOf(event.eventTimeMillis())),
                    key -> new WindowAccumulator()).add(event);
        }
        List<WindowAggregate> actual = accumulators.entrySet().stream()
                .map(e -> e.getValue().toAggregate(e.getKey().window())).toList();

        var expected = ReferenceAggregation.aggregate(events, windows);
        assertThat(expected).hasSize(50);
        assertThat(ReferenceAggregation.differences(expected, actual, 1e-9)).isEmpty();
    }

    private static WindowAccumulator roundTrip(WindowAccumulator acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.writeTo(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        WindowAccumulator restored = WindowAccumulator.readFrom(in);
        assertThat(in.available()).as("every byte written is read back").isZero();
        return restored;
    }
}
