package dev.brook.core.domain.codec;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events through Avro's own generic reader and writer: the reference the hand-written codec is checked
 * against. Field values go in and out by schema field name, so nothing here repeats the codec's order.
 */
final class AvroGenericEvents {

    private static final Schema BATCH = AvroEventCodec.batchSchema();
    private static final Schema EVENT = AvroEventCodec.eventSchema();

    private AvroGenericEvents() {
    }

    static GenericRecord toRecord(Event e) {
        GenericRecord r = new GenericData.Record(EVENT);
        r.put("source_id", e.sourceId().value());
        r.put("event_type", e.eventType());
        r.put("customer_id", e.customerId());
        r.put("site_id", e.siteId());
        r.put("latitude", e.latitude());
        r.put("longitude", e.longitude());
        r.put("altitude", e.altitude());
        r.put("time", e.eventTimeMillis());
        r.put("temperature", e.temperature());
        r.put("humidity", e.humidity());
        r.put("pressure", e.pressure());
        r.put("co2_level", e.co2Level());
        r.put("noise_level", e.noiseLevel());
        r.put("light_level", e.lightLevel());
        r.put("motion_detected", e.motionDetected());
        r.put("battery_level", e.batteryLevel());
        r.put("signal_strength", e.signalStrength());
        r.put("memory_usage", e.memoryUsage());
        r.put("cpu_usage", e.cpuUsage());
        r.put("status", new GenericData.EnumSymbol(EVENT.getField("status").schema(), e.status().name()));
        r.put("error_count", e.errorCount());
        r.put("packets_sent", e.packetsSent());
        r.put("packets_received", e.packetsReceived());
        r.put("bytes_sent", e.bytesSent());
        r.put("bytes_received", e.bytesReceived());
        return r;
    }

    static Event fromRecord(GenericRecord r) {
        return new Event(new SourceId(r.get("source_id").toString()), r.get("event_type").toString(),
                r.get("customer_id").toString(), r.get("site_id").toString(),
                (double) r.get("latitude"), (double) r.get("longitude"), (double) r.get("altitude"), (long) r.get("time"),
                (double) r.get("temperature"), (double) r.get("humidity"), (double) r.get("pressure"),
                (double) r.get("co2_level"), (double) r.get("noise_level"), (double) r.get("light_level"),
                (boolean) r.get("motion_detected"), (double) r.get("battery_level"), (double) r.get("signal_strength"),
                (double) r.get("memory_usage"), (double) r.get("cpu_usage"), EventStatus.valueOf(r.get("status").toString()),
                (int) r.get("error_count"), (long) r.get("packets_sent"), (long) r.get("packets_received"),
                (long) r.get("bytes_sent"), (long) r.get("bytes_received"));
    }

    static byte[] writeEvent(Event event) {
        return write(EVENT, toRecord(event));
    }

    static byte[] writeBatch(List<Event> events) {
        GenericRecord batch = new GenericData.Record(BATCH);
        batch.put("events", events.stream().map(AvroGenericEvents::toRecord).toList());
        return write(BATCH, batch);
    }

    /**
     * A batch as Avro's blocking encoder writes it: the array split into blocks of about {@code blockBytes},
     * each a negative count followed by its size in bytes, a form every reader must accept.
     */
    static byte[] writeBatchInBlocks(List<Event> events, int blockBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder blocking = new EncoderFactory().configureBlockSize(blockBytes).blockingBinaryEncoder(out, null);
        GenericRecord batch = new GenericData.Record(BATCH);
        batch.put("events", events.stream().map(AvroGenericEvents::toRecord).toList());
        new GenericDatumWriter<GenericRecord>(BATCH).write(batch, blocking);
        blocking.flush();
        return out.toByteArray();
    }

    static Event readEvent(byte[] bytes) throws IOException {
        return fromRecord(new GenericDatumReader<GenericRecord>(EVENT).read(null, DecoderFactory.get().binaryDecoder(bytes, null)));
    }

    static List<Event> readBatch(byte[] bytes) throws IOException {
        GenericRecord batch = new GenericDatumReader<GenericRecord>(BATCH).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        List<Event> events = new ArrayList<>();
        for (Object record : (List<?>) batch.get("events")) {
            events.add(fromRecord((GenericRecord) record));
        }
        return events;
    }

    private static byte[] write(Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
