package dev.brook.adapters.flink.types;

import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.model.Event;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A decoded message: a tag byte, then the events, the columns' payload, or the malformed payload and reason. */
public final class DecodedMessageSerializer extends ImmutableValueSerializer<DecodedMessage> {

    public static final DecodedMessageSerializer INSTANCE = new DecodedMessageSerializer();
    private static final byte EVENTS = 0;
    private static final byte MALFORMED = 1;
    private static final byte COLUMNS = 2;

    @Override
    public void serialize(DecodedMessage message, DataOutputView out) throws IOException {
        if (message instanceof DecodedMessage.Events batch) {
            out.writeByte(EVENTS);
            StringValue.writeString(batch.origin(), out);
            out.writeInt(batch.events().size());
            for (Event event : batch.events()) {
                EventSerializer.INSTANCE.serialize(event, out);
            }
        } else if (message instanceof DecodedMessage.Columns columns) {
            // The bytes they were decoded from: smaller than the columns, and decoded again alike.
            out.writeByte(COLUMNS);
            StringValue.writeString(columns.origin(), out);
            Bytes.write(columns.events().payload(), out);
        } else if (message instanceof DecodedMessage.Malformed malformed) {
            out.writeByte(MALFORMED);
            StringValue.writeString(malformed.origin(), out);
            Bytes.write(malformed.payload(), out);
            StringValue.writeString(malformed.reason(), out);
        } else {
            throw new IllegalArgumentException("cannot serialize " + message + ": not a decoded message");
        }
    }

    @Override
    public DecodedMessage deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        String origin = StringValue.readString(in);
        if (tag == EVENTS) {
            int count = in.readInt();
            List<Event> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(EventSerializer.INSTANCE.deserialize(in));
            }
            return new DecodedMessage.Events(origin, events);
        }
        if (tag == COLUMNS) {
            byte[] payload = Bytes.read(in);
            try {
                return new DecodedMessage.Columns(origin, AvroEventCodec.decodeColumns(payload));
            } catch (MalformedEventException e) {
                throw new IOException("decoded message from " + origin + " no longer decodes (" + e.getMessage()
                        + "): the serialized data is corrupt", e);
            }
        }
        if (tag == MALFORMED) {
            return new DecodedMessage.Malformed(origin, Bytes.read(in), StringValue.readString(in));
        }
        throw new IOException("unknown decoded-message tag " + tag + ": the serialized data is corrupt");
    }

    @Override
    public TypeSerializerSnapshot<DecodedMessage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; public no-argument constructor as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DecodedMessage> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
