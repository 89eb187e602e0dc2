package dev.brook.core.domain.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Avro binary encoding of primitives into a growing byte array; written by hand because it is the hot path. */
final class AvroBinaryWriter {

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
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buffer[position++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeString(String value) {
        int length = value.length();
        // The ids and types we write are ASCII: encode them without an intermediate array.
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii) {
            writeLong(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[position++] = (byte) value.charAt(i);
            }
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, position, utf8.length);
            position += utf8.length;
        }
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }
}
