package dev.brook.core.domain.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Avro binary encoding of primitives into a growing byte array; written by hand because it is the hot path. */
final class AvroBinaryWriter {

    /** Avro doubles are 8 little-endian bytes: written in one store instead of eight. */
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int position;

    AvroBinaryWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    void reset() {
        position = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63); // zig-zag
        while ((n & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[position++] = (byte) n;
    }

    void writeInt(int value) {
        writeLong(value);
    }

    void writeBoolean(boolean value) {
        ensure(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    void writeDouble(double value) {
        ensure(8);
        LITTLE_ENDIAN_LONG.set(buffer, position, Double.doubleToRawLongBits(value));
        position += 8;
    }

    void writeString(String value) {
        int length = value.length();
        // The ids and types we write are ASCII: copy the characters in one pass, no intermediate array,
        // and fall back to UTF-8 encoding only if a character turns out not to be ASCII.
        int start = position;
        writeLong(length);
        ensure(length);
        byte[] out = buffer;
        int at = position;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                position = start;
                writeUtf8(value);
                return;
            }
            out[at + i] = (byte) c;
        }
        position = at + length;
    }

    private void writeUtf8(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, position, utf8.length);
        position += utf8.length;
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }
}
