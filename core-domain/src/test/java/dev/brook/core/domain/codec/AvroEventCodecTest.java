package dev.brook.core.domain.codec;

import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.testing.EventBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AvroEventCodecTest {

    private static final long T0 = 1_704_067_200_000L;
    private final AvroEventCodec codec = new AvroEventCodec();

    /** Events at the edges of every field's domain. */
    static List<Event> extremes() {
        EventBuilder max = EventBuilder.valid().sourceId(SourceId.ofIndex(SourceId.MAX_INDEX)).eventType("z".repeat(64))
                .latitude(90).longitude(180).altitude(Event.MAX_ABS_READING).time(Event.MAX_EVENT_TIME_MILLIS)
                .temperature(Event.MAX_ABS_READING).humidity(100).pressure(Event.MAX_ABS_READING).co2Level(Event.MAX_ABS_READING)
                .noiseLevel(Event.MAX_ABS_READING).lightLevel(Event.MAX_ABS_READING).motionDetected(true).batteryLevel(100)
                .signalStrength(Event.MAX_ABS_READING).memoryUsage(100).cpuUsage(100).status(EventStatus.ERROR)
                .errorCount(Integer.MAX_VALUE).packetsSent(Long.MAX_VALUE).packetsReceived(Long.MAX_VALUE)
                .bytesSent(Long.MAX_VALUE).bytesReceived(Long.MAX_VALUE);
        EventBuilder min = EventBuilder.valid().sourceId(SourceId.ofIndex(0)).eventType("a").latitude(-90).longitude(-180)
                .altitude(-Event.MAX_ABS_READING).time(0).temperature(-Event.MAX_ABS_READING).humidity(0).pressure(0).co2Level(0)
                .noiseLevel(0).lightLevel(0).motionDetected(false).batteryLevel(0).signalStrength(-Event.MAX_ABS_READING)
                .memoryUsage(0).cpuUsage(0).status(EventStatus.ONLINE).errorCount(0).packetsSent(0).packetsReceived(0)
                .bytesSent(0).bytesReceived(0);
        EventBuilder signedZeros = EventBuilder.valid().latitude(-0.0).longitude(-0.0).altitude(-0.0).temperature(-0.0)
                .humidity(-0.0).pressure(-0.0).co2Level(-0.0).noiseLevel(-0.0).lightLevel(-0.0).batteryLevel(-0.0)
                .signalStrength(-0.0).memoryUsage(-0.0).cpuUsage(-0.0);
        EventBuilder tiny = EventBuilder.valid().latitude(Double.MIN_VALUE).longitude(-Double.MIN_VALUE)
                .altitude(Double.MIN_NORMAL).temperature(-Double.MIN_VALUE).humidity(Double.MIN_VALUE)
                .pressure(Double.MIN_VALUE).co2Level(Double.MIN_NORMAL).noiseLevel(4.9e-324).lightLevel(1e-300)
                .batteryLevel(Math.nextDown(100.0)).signalStrength(Math.nextUp(-90.0)).memoryUsage(Math.nextUp(0.0))
                .cpuUsage(Math.nextDown(100.0)).status(EventStatus.MAINTENANCE).errorCount(1).packetsSent(1)
                .packetsReceived(63).bytesSent(64).bytesReceived(8_191).time(1);
        List<Event> events = new ArrayList<>(List.of(max.build(), min.build(), signedZeros.build(), tiny.build()));
        // Every varint length from 1 to 10 bytes, for the long fields.
        long value = 1;
        for (int bytes = 1; bytes <= 9; bytes++) {
            events.add(EventBuilder.valid().status(EventStatus.OFFLINE).packetsSent(value - 1).packetsReceived(value)
                    .bytesSent(value * 3).bytesReceived(Long.MAX_VALUE / value).time(Math.min(value, Event.MAX_EVENT_TIME_MILLIS)).build());
            value <<= 7;
        }
        return events;
    }

    @Test
    void everyFieldSurvivesTheRoundTripBitForBit() throws MalformedEventException {
        for (Event event : extremes()) {
            Event decoded = codec.decode(codec.encode(event));
            assertThat(decoded).isEqualTo(event);
            // Record equality compares doubles as Double.compare does, which tells -0.0 from 0.0; check bits anyway.
            assertThat(Double.doubleToRawLongBits(decoded.temperature())).isEqualTo(Double.doubleToRawLongBits(event.temperature()));
        }
        assertThat(codec.decode(codec.encode(extremes().get(2))).humidity()).isEqualTo(-0.0).matches(h -> 1 / h < 0);
        assertThat(codec.decodeBatch(codec.encodeBatch(extremes()))).isEqualTo(extremes());
    }

    @Test
    void bytesAreExactlyWhatAvrosOwnWriterProduces() {
        List<Event> events = new ArrayList<>(extremes());
        for (String profile : DomainProfiles.names()) {
            events.addAll(new EventGenerator(new GeneratorSettings(3, 10_000, DomainProfiles.byName(profile), T0, 1_000, 100)).next(200));
        }
        for (Event event : events) {
            assertThat(codec.encode(event)).isEqualTo(AvroGenericEvents.writeEvent(event));
        }
        assertThat(codec.encodeBatch(events)).isEqualTo(AvroGenericEvents.writeBatch(events));
        assertThat(codec.encodeBatch(events.subList(0, 1))).isEqualTo(AvroGenericEvents.writeBatch(events.subList(0, 1)));
        assertThat(codec.encodeBatch(List.of())).isEqualTo(AvroGenericEvents.writeBatch(List.of())).containsExactly(0);
    }

    @Test
    void avrosOwnReaderReadsTheCodecsBytesAndTheCodecReadsAvros() throws Exception {
        List<Event> events = extremes();
        for (Event event : events) {
            assertThat(AvroGenericEvents.readEvent(codec.encode(event))).isEqualTo(event);
            assertThat(codec.decode(AvroGenericEvents.writeEvent(event))).isEqualTo(event);
        }
        assertThat(AvroGenericEvents.readBatch(codec.encodeBatch(events))).isEqualTo(events);
        assertThat(codec.decodeBatch(AvroGenericEvents.writeBatch(events))).isEqualTo(events);
        assertThat(AvroGenericEvents.readBatch(codec.encodeBatch(List.of()))).isEmpty();
    }

    @Test
    void readsArraysWrittenInSeveralBlocksWithByteSizesAsAvroAllows() throws Exception {
        // Avro's blocking encoder splits arrays into blocks and writes a negative count followed by the
        // block's size in bytes; a reader must accept that form too.
        List<Event> events = new EventGenerator(GeneratorSettings.defaults(5, T0)).next(300);
        byte[] bytes = AvroGenericEvents.writeBatchInBlocks(events, 1024);
        assertThat(bytes).isNotEqualTo(codec.encodeBatch(events)); // really another layout
        assertThat(codec.decodeBatch(bytes)).isEqualTo(events);
    }

    @Test
    void aTypicalEventTakesAbout200Bytes() {
        EventGenerator generator = new EventGenerator(GeneratorSettings.defaults(1, T0));
        List<Event> batch = new ArrayList<>();
        long total = 0;
        int largest = 0;
        for (int i = 0; i < 10_000; i++) {
            Event event = generator.next();
            int size = codec.encode(event).length;
            total += size;
            largest = Math.max(largest, size);
            if (i < 100) {
                batch.add(event);
            }
        }
        double average = total / 10_000.0;
        // 17 doubles are 136 bytes alone; four short ids, a time and five counters make up the rest
        // (measured: 174 bytes on average for the iot profile, within the spec's "~200 bytes").
        assertThat(average).as("average encoded size").isBetween(150.0, 210.0);
        assertThat(largest).isLessThanOrEqualTo(230);
        // A batch costs one count byte or two and a terminator on top of its events.
        int batchSize = codec.encodeBatch(batch).length;
        int eventsSize = batch.stream().mapToInt(e -> codec.encode(e).length).sum();
        assertThat(batchSize - eventsSize).isBetween(2, 3);
    }

    @Test
    void theSchemaResourceIsTheWireFormatsSourceOfTruth() {
        assertThat(AvroEventCodec.eventSchema().getFields()).extracting(f -> f.name()).isEqualTo(AvroEventCodec.FIELD_ORDER);
        assertThat(AvroEventCodec.eventSchema().getField("status").schema().getEnumSymbols())
                .containsExactly("ONLINE", "OFFLINE", "MAINTENANCE", "ERROR")
                .containsExactlyElementsOf(java.util.Arrays.stream(EventStatus.values()).map(Enum::name).toList());
        assertThat(AvroEventCodec.batchSchema().getFullName()).isEqualTo("dev.brook.event.EventBatch");
        assertThat(AvroEventCodec.eventSchema().getField("time").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
    }

    @Test
    void oneCodecMayBeReusedForManyMessages() throws MalformedEventException {
        List<Event> events = extremes();
        byte[] first = codec.encodeBatch(events);
        byte[] small = codec.encode(events.get(1));
        byte[] again = codec.encodeBatch(events);
        assertThat(again).isEqualTo(first);
        assertThat(codec.decode(small)).isEqualTo(events.get(1));
    }

    @Test
    void decodedIdsAndTypesAreCheckedLikeAnyOther() throws IOException {
        // A non-ASCII event type (valid UTF-8) is refused by the event's own validation.
        GenericRecord record = AvroGenericEvents.toRecord(EventBuilder.valid().build());
        record.put("event_type", "temperature_sensör");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(AvroEventCodec.eventSchema()).write(record, encoder);
        encoder.flush();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(out.toByteArray()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("event_type 'temperature_sensör' must be lower-case snake_case");
    }
}
