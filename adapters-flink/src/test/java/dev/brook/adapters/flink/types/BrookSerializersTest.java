package dev.brook.adapters.flink.types;

import dev.brook.adapters.flink.TestEvents;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.testing.EventBuilder;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Nested;

import java.util.List;

/** Flink's own serializer test suite (round trip, copy, snapshot and restore) over each Brook serializer. */
class BrookSerializersTest {

    private static final List<Event> EVENTS = TestEvents.message(0, 5, 3, 10, 0);

    @Nested
    class Events extends ImmutableSerializerTest<Event> {
        Events() {
            super(EventSerializer.INSTANCE, Event.class, EVENTS.toArray(Event[]::new));
        }
    }

    @Nested
    class Accumulators extends SerializerTestBase<WindowAccumulator> {
        @Override
        protected TypeSerializer<WindowAccumulator> createSerializer() {
            return WindowAccumulatorSerializer.INSTANCE;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<WindowAccumulator> getTypeClass() {
            return WindowAccumulator.class;
        }

        @Override
        protected WindowAccumulator[] getTestData() {
            WindowAccumulator several = new WindowAccumulator();
            EVENTS.stream().filter(e -> e.sourceId().equals(EVENTS.get(0).sourceId())).forEach(several::add);
            return new WindowAccumulator[] {new WindowAccumulator(), new WindowAccumulator().add(EVENTS.get(1)), several};
        }
    }

    @Nested
    class Aggregates extends ImmutableSerializerTest<WindowAggregate> {
        Aggregates() {
            super(WindowAggregateSerializer.INSTANCE, WindowAggregate.class, aggregates());
        }

        private static WindowAggregate[] aggregates() {
            TumblingWindows windows = TumblingWindows.ofDefaultSize();
            Event negative = EventBuilder.valid().temperature(-40.5).signalStrength(-120).build();
            return new WindowAggregate[] {
                    new WindowAccumulator().add(EVENTS.get(0)).toAggregate(windows.windowOf(EVENTS.get(0).eventTimeMillis())),
                    new WindowAccumulator().add(negative).toAggregate(windows.windowOf(negative.eventTimeMillis()))};
        }
    }

    @Nested
    class Messages extends ImmutableSerializerTest<DecodedMessage> {
        Messages() {
            super(DecodedMessageSerializer.INSTANCE, DecodedMessage.class, new DecodedMessage[] {
                    new DecodedMessage.Events("topic@1:2:-1", EVENTS),
                    new DecodedMessage.Events("topic@1:3:-1", List.of()),
                    columns("topic@1:5:-1", EVENTS),
                    columns("topic@1:6:-1", List.of()),
                    new DecodedMessage.Malformed("topic@1:4:-1", new byte[] {1, 2, 3}, "truncated at byte 3")});
        }
    }

    private static DecodedMessage columns(String origin, List<Event> events) {
        try {
            return new DecodedMessage.Columns(origin, AvroEventCodec.decodeColumns(new AvroEventCodec().encodeBatch(events)));
        } catch (MalformedEventException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class DeadLetters extends ImmutableSerializerTest<DeadLetter> {
        DeadLetters() {
            super(DeadLetterSerializer.INSTANCE, DeadLetter.class, new DeadLetter[] {
                    new DeadLetter("topic@1:4:-1", new byte[] {9, 8}, "malformed: bad enum", 42L),
                    new DeadLetter("window:source-0000001", new byte[0], "late: window closed", 0L)});
        }
    }

    /** The suite for serializers of immutable values, which have no "new instance" to create. */
    abstract static class ImmutableSerializerTest<T> extends SerializerTestBase<T> {
        private final TypeSerializer<T> serializer;
        private final Class<T> type;
        private final T[] data;

        ImmutableSerializerTest(TypeSerializer<T> serializer, Class<T> type, T[] data) {
            this.serializer = serializer;
            this.type = type;
            this.data = data;
        }

        @Override
        protected TypeSerializer<T> createSerializer() {
            return serializer;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<T> getTypeClass() {
            return type;
        }

        @Override
        protected T[] getTestData() {
            return data;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<T> serializer) {
            return true;
        }
    }
}
