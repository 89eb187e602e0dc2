package dev.brook.core.domain.codec;

import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.testing.EventBuilder;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Untrusted bytes: whatever arrives, decoding either returns valid events or throws
 * {@link MalformedEventException} with a message — never another exception, never garbage values.
 */
class AvroEventCodecMalformedInputTest {

    private static final long T0 = 1_704_067_200_000L;
    private final AvroEventCodec codec = new AvroEventCodec();

    private static List<Event> someEvents(int count) {
        return new EventGenerator(GeneratorSettings.defaults(99, T0)).next(count);
    }

    /**
     * Decodes as a batch; returns the events or null for a MalformedEventException. Anything else fails the test,
     * and so does a column decoder ({@link AvroEventCodec#decodeColumns}) that decides otherwise or gives
     * another reason.
     */
    private List<Event> decodeBatchOrNull(byte[] bytes, String context) {
        List<Event> events;
        String reason;
        try {
            events = codec.decodeBatch(bytes);
            reason = null;
        } catch (MalformedEventException expected) {
            assertThat(expected.getMessage()).as(context).isNotBlank();
            events = null;
            reason = expected.getMessage();
        } catch (RuntimeException | Error other) {
            throw new AssertionError(context + ": decoding threw " + other + " instead of MalformedEventException"
                    + " for bytes " + Arrays.toString(bytes), other);
        }
        assertColumnDecoderAgrees(bytes, events, reason, context);
        return events;
    }

    private static void assertColumnDecoderAgrees(byte[] bytes, List<Event> events, String reason, String context) {
        EventColumns columns;
        try {
            columns = AvroEventCodec.decodeColumns(bytes);
        } catch (MalformedEventException refused) {
            assertThat(refused.getMessage()).as("%s: the column decoder's reason", context).isEqualTo(reason);
            return;
        } catch (RuntimeException | Error other) {
            throw new AssertionError(context + ": column decoding threw " + other + " for bytes " + Arrays.toString(bytes), other);
        }
        assertThat(reason).as("%s: the column decoder accepted what the event decoder refused", context).isNull();
        EventColumnsAssertions.assertHoldExactly(columns, events, context);
    }

    private Event decodeEventOrNull(byte[] bytes, String context) {
        try {
            return codec.decode(bytes);
        } catch (MalformedEventException expected) {
            return null;
        } catch (RuntimeException | Error other) {
            throw new AssertionError(context + ": decoding threw " + other + " instead of MalformedEventException", other);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] batch = codec.encodeBatch(someEvents(3));
        for (int length = 0; length < batch.length; length++) {
            assertThat(decodeBatchOrNull(Arrays.copyOf(batch, length), "batch cut at " + length))
                    .as("batch cut to %d of %d bytes", length, batch.length).isNull();
        }
        byte[] event = codec.encode(someEvents(1).get(0));
        for (int length = 0; length < event.length; length++) {
            assertThat(decodeEventOrNull(Arrays.copyOf(event, length), "event cut at " + length))
                    .as("event cut to %d of %d bytes", length, event.length).isNull();
        }
    }

    @Test
    void randomGarbageIsRejected() {
        int accepted = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] garbage = new byte[random.nextInt(400)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) random.nextInt(256);
            }
            List<Event> events = decodeBatchOrNull(garbage, "garbage of seed " + seed);
            if (events != null) {
                // Only a valid encoding may be accepted: an empty batch (a single 0 byte) is one.
                accepted++;
                assertThat(codec.encodeBatch(events)).as("seed %d", seed).isEqualTo(garbage);
            }
            assertThat(decodeEventOrNull(garbage, "garbage of seed " + seed)).isNull();
        }
        assertThat(accepted).isLessThanOrEqualTo(1);
    }

    @Test
    void corruptedMessagesGiveValidEventsOrTheTypedError() {
        // Avro has no checksum: flipping bits of a double gives another valid number. What must never happen
        // is an exception of another type or an event that breaks the event's rules (it would not construct).
        byte[] original = codec.encodeBatch(someEvents(5));
        int rejected = 0;
        for (long seed = 0; seed < 5_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] corrupted = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupted[random.nextInt(corrupted.length)] ^= (byte) (1 << random.nextInt(8));
            }
            List<Event> events = decodeBatchOrNull(corrupted, "corruption of seed " + seed);
            if (events == null) {
                rejected++;
            } else {
                assertThat(events).as("seed %d", seed).hasSizeLessThanOrEqualTo(5);
            }
        }
        assertThat(rejected).as("corruptions caught").isGreaterThan(1_000);
    }

    @Test
    void aStringLongerThanTheInputIsRejectedWithoutAllocatingIt() {
        byte[] bytes = eventWith("source_id", e -> e.writeLong(1_000_000_000L));
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("source_id: string length 1000000000 does not fit");
        byte[] negative = eventWith("site_id", e -> e.writeLong(-5));
        assertThatThrownBy(() -> codec.decode(negative)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("site_id: string length -5");
    }

    @Test
    void aStatusOutsideTheEnumIsRejected() {
        for (int index : new int[] {4, -1, 1_000}) {
            byte[] bytes = eventWith("status", e -> e.writeInt(index));
            assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("status enum index " + index + " is not one of 0..3");
        }
    }

    @Test
    void aBooleanByteOtherThanZeroOrOneIsRejected() {
        for (byte b : new byte[] {2, (byte) 0xFF, (byte) 0x80}) {
            byte[] bytes = eventWith("motion_detected", e -> e.writeFixed(new byte[] {b}));
            assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("boolean byte is " + b);
        }
    }

    @Test
    void anIntFieldHoldingALongIsRejected() {
        byte[] bytes = eventWith("error_count", e -> e.writeLong(1L << 40));
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("int out of range (1099511627776)");
    }

    @Test
    void overlongNumbersAreRejected() {
        byte[] elevenBytes = new byte[11];
        Arrays.fill(elevenBytes, (byte) 0x81);
        elevenBytes[10] = 0;
        byte[] bytes = eventWith("time", e -> e.writeFixed(elevenBytes));
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("longer than 10 bytes");
        // Ten bytes whose last carries bits beyond the 64th: no long has that encoding.
        byte[] tooWide = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, 0x7F};
        byte[] wide = eventWith("packets_sent", e -> e.writeFixed(tooWide));
        assertThatThrownBy(() -> codec.decode(wide)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("more than 64 bits");
    }

    @Test
    void valuesTheEventRefusesAreRejectedNamingTheField() {
        byte[] nan = eventWith("humidity", e -> e.writeDouble(Double.NaN));
        assertThatThrownBy(() -> codec.decode(nan)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("decodes to an invalid event: humidity = NaN must be within 0.0..100.0")
                .hasCauseInstanceOf(dev.brook.core.domain.model.InvalidEventException.class);
        byte[] badId = eventWith("source_id", e -> e.writeString("sensor_1"));
        assertThatThrownBy(() -> codec.decode(badId)).hasMessageContaining("source_id 'sensor_1'");
        byte[] negativeTime = eventWith("time", e -> e.writeLong(-1));
        assertThatThrownBy(() -> codec.decode(negativeTime)).hasMessageContaining("time = -1");
        byte[] invalidUtf8 = eventWith("event_type", e -> e.writeBytes(new byte[] {'a', (byte) 0xC3}));
        assertThatThrownBy(() -> codec.decode(invalidUtf8)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("event_type");
    }

    @Test
    void bothDecodersRefuseEachRuleBrokenInABatchForTheSameReason() {
        // One event per rule of Event, each inside a batch between two valid events.
        List<byte[]> broken = List.of(
                eventWith("source_id", e -> e.writeString("sensor_1")),
                eventWith("source_id", e -> e.writeString("source-000123x")),
                eventWith("event_type", e -> e.writeString("Temperature")),
                eventWith("event_type", e -> e.writeString("")),
                eventWith("event_type", e -> e.writeBytes(new byte[] {'a', (byte) 0xC3})),
                eventWith("customer_id", e -> e.writeString("cust-12345")),
                eventWith("customer_id", e -> e.writeString("cust-00012é")),
                eventWith("site_id", e -> e.writeString("site-0001x")),
                eventWith("latitude", e -> e.writeDouble(90.5)),
                eventWith("longitude", e -> e.writeDouble(Double.NaN)),
                eventWith("altitude", e -> e.writeDouble(Double.POSITIVE_INFINITY)),
                eventWith("time", e -> e.writeLong(-1)),
                eventWith("time", e -> e.writeLong(Event.MAX_EVENT_TIME_MILLIS + 1)),
                eventWith("temperature", e -> e.writeDouble(2e15)),
                eventWith("humidity", e -> e.writeDouble(-0.5)),
                eventWith("pressure", e -> e.writeDouble(-1)),
                eventWith("co2_level", e -> e.writeDouble(Double.NaN)),
                eventWith("noise_level", e -> e.writeDouble(-1e-300)),
                eventWith("light_level", e -> e.writeDouble(Double.NEGATIVE_INFINITY)),
                eventWith("motion_detected", e -> e.writeFixed(new byte[] {2})),
                eventWith("battery_level", e -> e.writeDouble(100.01)),
                eventWith("signal_strength", e -> e.writeDouble(Double.NaN)),
                eventWith("memory_usage", e -> e.writeDouble(101)),
                eventWith("cpu_usage", e -> e.writeDouble(-1)),
                eventWith("status", e -> e.writeInt(4)),
                eventWith("error_count", e -> e.writeInt(-1)),
                eventWith("error_count", e -> e.writeLong(1L << 40)),
                eventWith("packets_sent", e -> e.writeLong(-1)),
                eventWith("packets_received", e -> e.writeLong(Long.MIN_VALUE)),
                eventWith("bytes_sent", e -> e.writeLong(-2)),
                eventWith("bytes_received", e -> e.writeLong(-3)));
        byte[] valid = codec.encode(EventBuilder.valid().build());
        for (int i = 0; i < broken.size(); i++) {
            byte[] batch = concat(varint(3), valid, broken.get(i), valid, varint(0));
            assertThat(decodeBatchOrNull(batch, "broken event " + i)).as("broken event %d", i).isNull();
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] event = codec.encode(EventBuilder.valid().build());
        byte[] eventPlusOne = Arrays.copyOf(event, event.length + 1);
        assertThatThrownBy(() -> codec.decode(eventPlusOne)).isInstanceOf(MalformedEventException.class)
                .hasMessage("unexpected bytes after the end of the record at byte " + event.length);
        byte[] batch = codec.encodeBatch(someEvents(2));
        byte[] batchPlusTwo = Arrays.copyOf(batch, batch.length + 2);
        assertThatThrownBy(() -> codec.decodeBatch(batchPlusTwo)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unexpected bytes");
        assertThat(decodeBatchOrNull(batchPlusTwo, "batch plus two bytes")).isNull();
    }

    @Test
    void impossibleBatchCountsAreRejectedBeforeReadingOn() {
        assertThatThrownBy(() -> codec.decodeBatch(varint(2_000_000)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("batch claims 2000000 more events after 0; at most 1000000 are accepted");
        assertThatThrownBy(() -> codec.decodeBatch(varint(Long.MAX_VALUE))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decodeBatch(varint(Long.MIN_VALUE))).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("block count");
        // A negative count announces a byte size next; a negative size is impossible.
        byte[] negativeSize = concat(varint(-1), varint(-7));
        assertThatThrownBy(() -> codec.decodeBatch(negativeSize)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("block size -7");
        for (byte[] impossible : List.of(varint(2_000_000), varint(Long.MAX_VALUE), varint(Long.MIN_VALUE), negativeSize)) {
            assertThat(decodeBatchOrNull(impossible, "impossible count " + Arrays.toString(impossible))).isNull();
        }
    }

    @Test
    void aBlockClaimingManyEventsReservesOnlyWhatItsBytesCanHold() {
        byte[] claim = concat(varint(900_000), codec.encode(EventBuilder.valid().build()));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            decodeBatchOrNull(claim, "warm-up");
        }

        long before = threads.getThreadAllocatedBytes(thread);
        assertThat(decodeBatchOrNull(claim, "a small message claiming 900,000 events")).isNull();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // Reserving for 900,000 events would take over 100 MB; both decoders together stay far below 1 MB.
        assertThat(allocated).isLessThan(1_000_000);
    }

    @Test
    void oneBadEventRejectsTheWholeBatch() {
        List<Event> events = someEvents(3);
        byte[] good = codec.encodeBatch(events);
        byte[] middle = codec.encode(events.get(1));
        int middleStart = indexOf(good, middle);
        assertThat(middleStart).isPositive();
        byte[] bad = good.clone();
        bad[middleStart] = (byte) 0xFF; // the length of the middle event's source id becomes nonsense
        assertThatThrownBy(() -> codec.decodeBatch(bad)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("at byte");
        assertThat(decodeBatchOrNull(bad, "bad middle event")).isNull();
    }

    // --- building malformed input with Avro's own encoder ---

    private interface FieldWriter {
        void write(BinaryEncoder encoder) throws IOException;
    }

    /** A valid event's encoding, except that {@code field} is written by {@code replacement}. */
    private static byte[] eventWith(String field, FieldWriter replacement) {
        Schema schema = AvroEventCodec.eventSchema();
        assertThat(schema.getField(field)).as("field %s", field).isNotNull();
        GenericRecord record = AvroGenericEvents.toRecord(EventBuilder.valid().build());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            for (Schema.Field f : schema.getFields()) {
                Object value = record.get(f.name());
                if (f.name().equals(field)) {
                    replacement.write(encoder);
                    continue;
                }
                switch (f.schema().getType()) {
                    case STRING -> encoder.writeString(value.toString());
                    case DOUBLE -> encoder.writeDouble((double) value);
                    case LONG -> encoder.writeLong((long) value);
                    case INT -> encoder.writeInt((int) value);
                    case BOOLEAN -> encoder.writeBoolean((boolean) value);
                    case ENUM -> encoder.writeEnum(f.schema().getEnumOrdinal(((GenericData.EnumSymbol) value).toString()));
                    default -> fail("unexpected field type " + f.schema().getType());
                }
            }
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] varint(long value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            encoder.writeLong(value);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
