package dev.brook.adapters.flink.types;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/** All 25 fields of an {@link Event}, in declaration order; reading re-validates through the record. */
public final class EventSerializer extends ImmutableValueSerializer<Event> {

    public static final EventSerializer INSTANCE = new EventSerializer();
    private static final EventStatus[] STATUSES = EventStatus.values();

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        StringValue.writeString(e.sourceId().value(), out);
        StringValue.writeString(e.eventType(), out);
        StringValue.writeString(e.customerId(), out);
        StringValue.writeString(e.siteId(), out);
        out.writeDouble(e.latitude());
        out.writeDouble(e.longitude());
        out.writeDouble(e.altitude());
        out.writeLong(e.eventTimeMillis());
        out.writeDouble(e.temperature());
        out.writeDouble(e.humidity());
        out.writeDouble(e.pressure());
        out.writeDouble(e.co2Level());
        out.writeDouble(e.noiseLevel());
        out.writeDouble(e.lightLevel());
        out.writeBoolean(e.motionDetected());
        out.writeDouble(e.batteryLevel());
        out.writeDouble(e.signalStrength());
        out.writeDouble(e.memoryUsage());
        out.writeDouble(e.cpuUsage());
        out.writeByte(e.status().ordinal());
        out.writeInt(e.errorCount());
        out.writeLong(e.packetsSent());
        out.writeLong(e.packetsReceived());
        out.writeLong(e.bytesSent());
        out.writeLong(e.bytesReceived());
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        return new Event(new SourceId(StringValue.readString(in)), StringValue.readString(in),
                StringValue.readString(in), StringValue.readString(in),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readBoolean(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                STATUSES[in.readByte()], in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; public no-argument constructor as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
