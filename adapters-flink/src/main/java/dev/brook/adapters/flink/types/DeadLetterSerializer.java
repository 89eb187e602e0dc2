package dev.brook.adapters.flink.types;

import dev.brook.core.domain.port.out.DeadLetter;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/** A record set aside: origin, raw payload, reason and time. */
public final class DeadLetterSerializer extends ImmutableValueSerializer<DeadLetter> {

    public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();

    @Override
    public void serialize(DeadLetter letter, DataOutputView out) throws IOException {
        StringValue.writeString(letter.origin(), out);
        Bytes.write(letter.payload(), out);
        StringValue.writeString(letter.reason(), out);
        out.writeLong(letter.receivedAtMillis());
    }

    @Override
    public DeadLetter deserialize(DataInputView in) throws IOException {
        return new DeadLetter(StringValue.readString(in), Bytes.read(in), StringValue.readString(in), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; public no-argument constructor as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
