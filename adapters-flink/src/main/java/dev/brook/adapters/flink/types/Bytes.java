package dev.brook.adapters.flink.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Length-prefixed byte arrays for the serializers. */
final class Bytes {

    private Bytes() {
    }

    static void write(byte[] bytes, DataOutput out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] read(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative byte array length " + length + ": the serialized data is corrupt");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
