package dev.brook.core.domain.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Avro binary decoding of primitives from untrusted bytes: every length is checked against what is
 * left, so malformed input fails with a message instead of allocating or reading past the end.
 */
final class AvroBinaryReader {

    /** Avro doubles are 8 little-endian bytes: read in one load instead of eight. */
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private int position;

    AvroBinaryReader(byte[] data) {
        this.data = data;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position == data.length;
    }

    long readLong() throws MalformedEventException {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (position >= data.length) {
                throw new MalformedEventException("input ends inside a number at byte " + position);
            }
            int b = data[position++] & 0xFF;
            if (shift == 63 && (b & 0x7E) != 0) {
                // The tenth byte holds bit 63 only; anything more would be silently cut off.
                throw new MalformedEventException("variable-length number has more than 64 bits at byte " + (position - 1));
            }
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new MalformedEventException("variable-length number longer than 10 bytes at byte " + position);
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readInt() throws MalformedEventException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new MalformedEventException("int out of range (" + value + ") at byte " + position);
        }
        return (int) value;
    }

    boolean readBoolean() throws MalformedEventException {
        require(1, "boolean");
        int b = data[position++];
        if (b != 0 && b != 1) {
            throw new MalformedEventException("boolean byte is " + b + " (must be 0 or 1) at byte " + (position - 1));
        }
        return b == 1;
    }

    double readDouble() throws MalformedEventException {
        require(8, "double");
        long bits = (long) LITTLE_ENDIAN_LONG.get(data, position);
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    String readString(String field) throws MalformedEventException {
        long length = readLong();
        if (length < 0 || length > data.length - position) {
            throw new MalformedEventException(field + ": string length " + length + " does not fit the "
                    + (data.length - position) + " bytes left at byte " + position);
        }
        String value = new String(data, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return value;
    }

    private void require(int bytes, String what) throws MalformedEventException {
        if (data.length - position < bytes) {
            throw new MalformedEventException("input ends inside a " + what + " at byte " + position);
        }
    }
}
