package dev.brook.core.domain.codec;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.InvalidEventException;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The wire format of events: Avro binary per {@code avro/event-batch.avsc}, the single source of truth.
 *
 * <p>A Pulsar message carries one {@code EventBatch} (an array of events) so that a message is an atomic
 * unit of delivery. Encoding and decoding are written out by hand for speed and for safety on
 * untrusted bytes; at start-up the schema file is checked against the field order written here, and the
 * tests check the bytes against Avro's own reader and writer.
 *
 * <p>Not thread-safe (it reuses a buffer): use one per thread.
 */
public final class AvroEventCodec {

    public static final String SCHEMA_RESOURCE = "/avro/event-batch.avsc";
    private static final Schema BATCH_SCHEMA = loadSchema();
    private static final Schema EVENT_SCHEMA = BATCH_SCHEMA.getField("events").schema().getElementType();
    private static final EventStatus[] STATUSES = EventStatus.values();
    /** Field names in the order they are written below; checked against the .avsc at class load. */
    static final List<String> FIELD_ORDER = List.of("source_id", "event_type", "customer_id", "site_id",
            "latitude", "longitude", "altitude", "time", "temperature", "humidity", "pressure", "co2_level",
            "noise_level", "light_level", "motion_detected", "battery_level", "signal_strength", "memory_usage",
            "cpu_usage", "status", "error_count", "packets_sent", "packets_received", "bytes_sent", "bytes_received");
    /** No real batch is near this; it bounds what a malformed count can make us do. */
    public static final int MAX_EVENTS_PER_BATCH = 1_000_000;
    /** The fewest bytes any event takes: 8 per double, at least 1 per other field (empty strings included). */
    private static final int MIN_EVENT_BYTES = EVENT_SCHEMA.getFields().stream()
            .mapToInt(field -> field.schema().getType() == Schema.Type.DOUBLE ? 8 : 1).sum();

    static {
        List<String> declared = EVENT_SCHEMA.getFields().stream().map(Schema.Field::name).toList();
        if (!declared.equals(FIELD_ORDER)) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " declares " + declared + " but the codec writes "
                    + FIELD_ORDER + ": change both together");
        }
        // decodeColumns stores the metrics as the wire orders them: that must be Metric's order.
        List<String> metricColumns = Arrays.stream(Metric.all()).map(Metric::column).toList();
        List<String> metricsOnTheWire = FIELD_ORDER.stream().filter(metricColumns::contains).toList();
        if (!metricsOnTheWire.equals(metricColumns)) {
            throw new IllegalStateException("the wire carries the metrics as " + metricsOnTheWire + " but Metric declares "
                    + metricColumns + ": decodeColumns assumes one order");
        }
    }

    private final AvroBinaryWriter writer = new AvroBinaryWriter(256);

    /** The schema of one message: a record with an array of events. */
    public static Schema batchSchema() {
        return BATCH_SCHEMA;
    }

    /** The schema of one event, the array's element type. */
    public static Schema eventSchema() {
        return EVENT_SCHEMA;
    }

    /** Encodes one event alone (the {@code Event} record, no envelope). */
    public byte[] encode(Event event) {
        writer.reset();
        writeEvent(event);
        return writer.toByteArray();
    }

    /** Encodes events as one {@code EventBatch}. */
    public byte[] encodeBatch(List<Event> events) {
        writer.reset();
        if (!events.isEmpty()) {
            writer.writeLong(events.size());
            for (Event event : events) {
                writeEvent(event);
            }
        }
        writer.writeLong(0);
        return writer.toByteArray();
    }

    /** Decodes one {@code Event} record; the bytes must hold exactly one. */
    public Event decode(byte[] bytes) throws MalformedEventException {
        return decodeEventAt(bytes, 0, bytes.length);
    }

    /** Decodes one {@code EventBatch}. All or nothing: one bad event rejects the message. */
    public List<Event> decodeBatch(byte[] bytes) throws MalformedEventException {
        ArrayList<Event> events = new ArrayList<>();
        readBatch(bytes, events::ensureCapacity, reader -> events.add(readEvent(reader)));
        return events;
    }

    /**
     * Decodes one {@code EventBatch} into columns without making an {@code Event} per event: the same
     * decisions as {@link #decodeBatch} (same events accepted, same reason for a rejection), all or nothing.
     * Thread-safe. The columns keep {@code bytes}: do not change them afterwards.
     */
    public static EventColumns decodeColumns(byte[] bytes) throws MalformedEventException {
        EventColumns columns = new EventColumns(bytes);
        readBatch(bytes, columns::reserve, reader -> readEventInto(reader, columns));
        return columns;
    }

    /** Decodes the one {@code Event} record that is {@code bytes[from, to)}. */
    static Event decodeEventAt(byte[] bytes, int from, int to) throws MalformedEventException {
        AvroBinaryReader reader = new AvroBinaryReader(bytes, from, to);
        Event event = readEvent(reader);
        requireEnd(reader);
        return event;
    }

    @FunctionalInterface
    private interface EventReader {
        void readNext(AvroBinaryReader reader) throws MalformedEventException;
    }

    /**
     * The array's blocks: a count, then as many events, until a count of zero. Before a block's events are
     * read, {@code beforeBlock} hears how many there can be: its count, but never more than the bytes left can
     * hold (plus one, whose reading fails), so a few malformed bytes claiming a million events reserve nothing.
     */
    private static void readBatch(byte[] bytes, IntConsumer beforeBlock, EventReader eachEvent) throws MalformedEventException {
        AvroBinaryReader reader = new AvroBinaryReader(bytes);
        long read = 0;
        while (true) {
            long count = reader.readLong();
            if (count == 0) {
                break;
            }
            if (count < 0) {
                // Avro lets a writer give the block's byte size after a negative count; we only need the count.
                if (count == Long.MIN_VALUE) {
                    throw new MalformedEventException("block count " + count + " has no positive counterpart at byte "
                            + reader.position());
                }
                count = -count;
                long size = reader.readLong();
                if (size < 0) {
                    throw new MalformedEventException("block size " + size + " is negative at byte " + reader.position());
                }
            }
            if (count > MAX_EVENTS_PER_BATCH - read) {
                throw new MalformedEventException("batch claims " + count + " more events after " + read
                        + "; at most " + MAX_EVENTS_PER_BATCH + " are accepted");
            }
            beforeBlock.accept((int) Math.min(count, reader.remaining() / MIN_EVENT_BYTES + 1));
            for (long i = 0; i < count; i++) {
                eachEvent.readNext(reader);
            }
            read += count;
        }
        requireEnd(reader);
    }

    private void writeEvent(Event e) {
        AvroBinaryWriter w = writer;
        w.writeString(e.sourceId().value());
        w.writeString(e.eventType());
        w.writeString(e.customerId());
        w.writeString(e.siteId());
        w.writeDouble(e.latitude());
        w.writeDouble(e.longitude());
        w.writeDouble(e.altitude());
        w.writeLong(e.eventTimeMillis());
        w.writeDouble(e.temperature());
        w.writeDouble(e.humidity());
        w.writeDouble(e.pressure());
        w.writeDouble(e.co2Level());
        w.writeDouble(e.noiseLevel());
        w.writeDouble(e.lightLevel());
        w.writeBoolean(e.motionDetected());
        w.writeDouble(e.batteryLevel());
        w.writeDouble(e.signalStrength());
        w.writeDouble(e.memoryUsage());
        w.writeDouble(e.cpuUsage());
        w.writeInt(e.status().ordinal());
        w.writeInt(e.errorCount());
        w.writeLong(e.packetsSent());
        w.writeLong(e.packetsReceived());
        w.writeLong(e.bytesSent());
        w.writeLong(e.bytesReceived());
    }

    private static Event readEvent(AvroBinaryReader r) throws MalformedEventException {
        int start = r.position();
        try {
            String sourceId = r.readString("source_id");
            String eventType = r.readString("event_type");
            String customerId = r.readString("customer_id");
            String siteId = r.readString("site_id");
            double latitude = r.readDouble();
            double longitude = r.readDouble();
            double altitude = r.readDouble();
            long time = r.readLong();
            double temperature = r.readDouble();
            double humidity = r.readDouble();
            double pressure = r.readDouble();
            double co2 = r.readDouble();
            double noise = r.readDouble();
            double light = r.readDouble();
            boolean motion = r.readBoolean();
            double battery = r.readDouble();
            double signal = r.readDouble();
            double memory = r.readDouble();
            double cpu = r.readDouble();
            int statusIndex = r.readInt();
            if (statusIndex < 0 || statusIndex >= STATUSES.length) {
                throw new MalformedEventException("status enum index " + statusIndex + " is not one of 0.."
                        + (STATUSES.length - 1) + " at byte " + r.position());
            }
            int errorCount = r.readInt();
            long packetsSent = r.readLong();
            long packetsReceived = r.readLong();
            long bytesSent = r.readLong();
            long bytesReceived = r.readLong();
            return new Event(new SourceId(sourceId), eventType, customerId, siteId, latitude, longitude, altitude,
                    time, temperature, humidity, pressure, co2, noise, light, motion, battery, signal, memory, cpu,
                    STATUSES[statusIndex], errorCount, packetsSent, packetsReceived, bytesSent, bytesReceived);
        } catch (InvalidEventException invalid) {
            throw new MalformedEventException("event starting at byte " + start + " decodes to an invalid event: "
                    + invalid.getMessage(), invalid);
        }
    }

    /**
     * Reads one event into the columns, checking it by the rules {@link #readEvent} applies (the ids by
     * {@link Event}'s and {@link SourceId}'s byte-range checks, the numbers by {@link Event#requireValidNumbers}).
     * Anything wrong reads the event again with {@link #readEvent}, so a rejection has the same reason on
     * both paths by construction.
     */
    private static void readEventInto(AvroBinaryReader r, EventColumns columns) throws MalformedEventException {
        int start = r.position();
        byte[] data = r.data();
        int event = columns.beginEvent(start);
        try {
            int length = r.readStringLength("source_id");
            int sourceIndex = SourceId.indexOf(data, r.skip(length), length);
            length = r.readStringLength("event_type");
            boolean idsValid = sourceIndex >= 0 && Event.isEventType(data, r.skip(length), length);
            length = r.readStringLength("customer_id");
            idsValid &= Event.isCustomerId(data, r.skip(length), length);
            length = r.readStringLength("site_id");
            idsValid &= Event.isSiteId(data, r.skip(length), length);
            double latitude = r.readDouble();
            double longitude = r.readDouble();
            double altitude = r.readDouble();
            long time = r.readLong();
            double temperature = r.readDouble();
            double humidity = r.readDouble();
            double pressure = r.readDouble();
            double co2 = r.readDouble();
            double noise = r.readDouble();
            double light = r.readDouble();
            boolean motion = r.readBoolean();
            double battery = r.readDouble();
            double signal = r.readDouble();
            double memory = r.readDouble();
            double cpu = r.readDouble();
            int statusIndex = r.readInt();
            int errorCount = r.readInt();
            long packetsSent = r.readLong();
            long packetsReceived = r.readLong();
            long bytesSent = r.readLong();
            long bytesReceived = r.readLong();
            if (idsValid && statusIndex >= 0 && statusIndex < STATUSES.length) {
                Event.requireValidNumbers(latitude, longitude, altitude, time, temperature, humidity, pressure, co2,
                        noise, light, battery, signal, memory, cpu, errorCount, packetsSent, packetsReceived, bytesSent,
                        bytesReceived);
                // In Metric's order, which the class checks against the wire order when it loads.
                double[] metrics = columns.metricsColumn();
                int m = EventColumns.metricsBase(event);
                metrics[m] = temperature;
                metrics[m + 1] = humidity;
                metrics[m + 2] = pressure;
                metrics[m + 3] = co2;
                metrics[m + 4] = noise;
                metrics[m + 5] = light;
                metrics[m + 6] = battery;
                metrics[m + 7] = signal;
                metrics[m + 8] = memory;
                metrics[m + 9] = cpu;
                metrics[m + 10] = errorCount;
                metrics[m + 11] = packetsSent;
                metrics[m + 12] = packetsReceived;
                metrics[m + 13] = bytesSent;
                metrics[m + 14] = bytesReceived;
                columns.endEvent(sourceIndex, time, statusIndex, motion, r.position());
                return;
            }
        } catch (MalformedEventException | InvalidEventException fallThrough) {
            // The reason comes from readEvent below.
        }
        r.rewind(start);
        readEvent(r);
        throw new IllegalStateException("event at byte " + start + " was refused by the column decoder but not by "
                + "the event decoder: the two must apply the same rules");
    }

    private static void requireEnd(AvroBinaryReader reader) throws MalformedEventException {
        if (!reader.atEnd()) {
            throw new MalformedEventException("unexpected bytes after the end of the record at byte " + reader.position());
        }
    }

    private static Schema loadSchema() {
        try (InputStream in = AvroEventCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
