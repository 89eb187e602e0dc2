package dev.brook.adapters.flink.window;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.types.DecodedMessageSerializer;
import dev.brook.adapters.flink.types.WindowAccumulatorSerializer;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.testing.EventBuilder;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWindowCombinerTest {

    private static final TumblingWindows MINUTES = TumblingWindows.ofDefaultSize();
    private static final long T0 = 1_767_225_600_000L; // a minute boundary
    private static final TimeWindow FIRST = MINUTES.windowOf(T0);
    private static final TimeWindow SECOND = MINUTES.windowOf(T0 + 60_000);

    private OneInputStreamOperatorTestHarness<DecodedMessage, WindowAccumulator> harness;

    private void start(Duration allowedLateness) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new LocalWindowCombiner(MINUTES, allowedLateness.toMillis()),
                DecodedMessageSerializer.INSTANCE);
        harness.setup(WindowAccumulatorSerializer.INSTANCE);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void combinesEventsPerSourceAndWindowUntilTheWatermarkPassesTheWindowEnd() throws Exception {
        start(Duration.ZERO);
        harness.processElement(message("m1", event(1, T0 + 10), event(2, T0 + 20), event(1, T0 + 30)), T0 + 30);
        harness.processElement(message("m2", event(1, T0 + 5), event(2, T0 + 60_001)), T0 + 60_001);
        harness.processWatermark(FIRST.maxTimestamp() - 1);

        assertThat(harness.extractOutputValues()).as("window not ended yet: nothing emitted").isEmpty();

        harness.processWatermark(FIRST.maxTimestamp());

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(4); // two partials, then both watermarks
        assertThat(output.get(0)).isEqualTo(new Watermark(FIRST.maxTimestamp() - 1));
        List<StreamRecord<WindowAccumulator>> partials = List.of(record(output.get(1)), record(output.get(2)));
        assertThat(partials).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(FIRST.maxTimestamp()));
        assertThat(partials).extracting(r -> r.getValue().sourceId().index() + "=" + r.getValue().eventCount())
                .containsExactlyInAnyOrder("1=3", "2=1");
        assertThat(output.get(3)).as("partials go before the watermark that fires their window")
                .isEqualTo(new Watermark(FIRST.maxTimestamp()));
    }

    @Test
    void flushesEverythingBufferedBeforeACheckpointBarrier() throws Exception {
        start(Duration.ZERO);
        harness.processElement(message("m1", event(1, T0), event(1, T0 + 5), event(1, T0 + 60_000), event(3, T0 + 1)), T0 + 60_000);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(harness.extractOutputValues()).extracting(WindowAccumulator::eventCount).containsExactlyInAnyOrder(2L, 1L, 1L);
        assertThat(harness.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
                .containsExactlyInAnyOrder(FIRST.maxTimestamp(), FIRST.maxTimestamp(), SECOND.maxTimestamp());

        harness.processWatermark(SECOND.maxTimestamp());
        assertThat(harness.extractOutputValues()).as("nothing is emitted twice").hasSize(3);
    }

    @Test
    void flushesEverythingBufferedAheadOfGoingIdle() throws Exception {
        start(Duration.ZERO);
        harness.processElement(message("m1", event(1, T0), event(2, T0 + 5), event(1, T0 + 60_000)), T0 + 60_000);

        harness.processWatermarkStatus(WatermarkStatus.IDLE);

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).as("the partials, then the status that lets the keyed windows fire without this input")
                .hasSize(4).last().isEqualTo(WatermarkStatus.IDLE);
        assertThat(harness.extractOutputValues()).extracting(WindowAccumulator::eventCount).containsExactlyInAnyOrder(1L, 1L, 1L);

        harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
        harness.processWatermark(SECOND.maxTimestamp());
        assertThat(harness.extractOutputValues()).as("nothing is emitted twice").hasSize(3);
    }

    @Test
    void setsAsideAndCountsEventsWhoseWindowHasClosed() throws Exception {
        start(Duration.ZERO);
        harness.processWatermark(FIRST.maxTimestamp());
        Event late = event(7, T0 + 59_999);
        Event onTime = event(7, T0 + 60_000);

        harness.processElement(message("topic@4:2:-1", late, onTime), T0 + 60_000);

        List<DeadLetter> letters = values(harness.getSideOutput(LocalWindowCombiner.LATE_EVENTS));
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.origin()).isEqualTo("topic@4:2:-1");
        assertThat(letter.reason()).startsWith("late: ").contains("source-0000007");
        assertThat(new AvroEventCodec().decode(letter.payload())).isEqualTo(late);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(harness.extractOutputValues()).extracting(WindowAccumulator::eventCount).containsExactly(1L);
    }

    @Test
    void sendsEventsOfAFiredWindowOnAtOnceWhileTheWindowStillAcceptsThem() throws Exception {
        start(Duration.ofSeconds(30));
        harness.processWatermark(FIRST.maxTimestamp() + 29_999);

        harness.processElement(message("m", event(5, T0 + 100)), T0 + 100);

        assertThat(harness.getSideOutput(LocalWindowCombiner.LATE_EVENTS)).isNullOrEmpty();
        List<StreamRecord<? extends WindowAccumulator>> emitted = harness.extractOutputStreamRecords();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).getValue().eventCount()).isEqualTo(1);
        assertThat(emitted.get(0).getTimestamp()).isEqualTo(FIRST.maxTimestamp());

        harness.processWatermark(FIRST.maxTimestamp() + 30_000);
        harness.processElement(message("m", event(5, T0 + 200)), T0 + 200);
        assertThat(harness.getSideOutput(LocalWindowCombiner.LATE_EVENTS)).hasSize(1);
    }

    @Test
    void setsAsideMalformedMessagesWithTheirReasonAndKeepsGoing() throws Exception {
        start(Duration.ZERO);
        byte[] garbage = {(byte) 0xff, 0x01};
        harness.processElement(new StreamRecord<>(new DecodedMessage.Malformed("topic@1:9:-1", garbage, "bad varint"), Long.MIN_VALUE));
        harness.processElement(message("m", event(1, T0)), T0);

        List<DeadLetter> letters = values(harness.getSideOutput(LocalWindowCombiner.MALFORMED_MESSAGES));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo("malformed: bad varint");
            assertThat(letter.payload()).isEqualTo(garbage);
            assertThat(letter.origin()).isEqualTo("topic@1:9:-1");
        });
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).extracting(WindowAccumulator::eventCount).containsExactly(1L);
    }

    @Test
    void messagesOfEventObjectsCombineAsTheirColumnsDo() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        Event[] events = new Event[300];
        for (int i = 0; i < events.length; i++) {
            events[i] = EventBuilder.valid().source(random.nextInt(20)).time(T0 + random.nextInt(120_000))
                    .temperature(random.nextDouble(-30, 40)).eventType(random.nextBoolean() ? "alpha" : "beta").build();
        }
        start(Duration.ZERO);
        harness.processElement(message("m", events), T0);
        harness.processWatermark(Long.MAX_VALUE);
        List<WindowAccumulator> fromColumns = harness.extractOutputValues();
        close();

        start(Duration.ZERO);
        harness.processElement(new StreamRecord<>(new DecodedMessage.Events("m", List.of(events)), T0));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(fromColumns).hasSizeGreaterThan(20);
        assertThat(harness.extractOutputValues()).containsExactlyElementsOf(fromColumns);
    }

    private static Event event(int source, long time) {
        return EventBuilder.valid().source(source).time(time).build();
    }

    /** A message as Brook's source decodes it: columns. */
    private static DecodedMessage message(String origin, Event... events) {
        try {
            return new DecodedMessage.Columns(origin, AvroEventCodec.decodeColumns(new AvroEventCodec().encodeBatch(List.of(events))));
        } catch (MalformedEventException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static StreamRecord<WindowAccumulator> record(Object element) {
        assertThat(element).isInstanceOf(StreamRecord.class);
        return (StreamRecord<WindowAccumulator>) element;
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        assertThat(records).isNotNull();
        return records.stream().map(StreamRecord::getValue).toList();
    }
}
