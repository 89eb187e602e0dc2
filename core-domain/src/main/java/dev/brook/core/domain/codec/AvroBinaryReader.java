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
    private final int end;
    private int position;

    AvroBinaryReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code data[from, to)} only; positions still count from the start of {@code data}. */
    AvroBinaryReader(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.end = to;
    }

    byte[] data() {
        return data;
    }

    int position() {
        return position;
    }

    /** Goes back to a position read before, to read the same bytes again. */
    void rewind(int earlier) {
        position = earlier;
    }

    boolean atEnd() {
        return position == end;
    }

    int remaining() {
        return end - position;
    }

    long readLong() throws MalformedEventException {
        int pos = position;
        if (pos < end) {
            int b = data[pos];
            if (b >= 0) {
                // One byte, the most common case (lengths, enum indexes, small counts): no loop.
                position = pos + 1;
                return (b >>> 1) ^ -(b & 1);
            }
        }
        return readLongOfSeveralBytes();
    }

    private long readLongOfSeveralBytes() throws MalformedEventException {
        long raw = 0;
        int shift = 0;
        int pos = position;
        while (true) {
            if (pos >= end) {
                throw new MalformedEventException("input ends inside a number at byte " + pos);
            }
            int b = data[pos++] & 0xFF;
            if (shift == 63 && (b & 0x7E) != 0) {
                // The tenth byte holds bit 63 only; anything more would be silently cut off.
                throw new MalformedEventException("variable-length number has more than 64 bits at byte " + (pos - 1));
            }
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new MalformedEventException("variable-length number longer than 10 bytes at byte " + pos);
            }
        }
        position = pos;
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
        int length = readStringLength(field);
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Reads a string's length, checked against what is left, and stays before its bytes. */
    int readStringLength(String field) throws MalformedEventException {
        long length = readLong();
        if (length < 0 || length > end - position) {
            throw new MalformedEventException(field + ": string length " + length + " does not fit the "
                    + (end - position) + " bytes left at byte " + position);
        }
        return (int) length;
    }

    /** Steps over {@code length} bytes that {@link #readStringLength} has checked; returns where they start. */
    int skip(int length) {
        int start = position;
        position += length;
        return start;
    }

    private void require(int bytes, String what) throws MalformedEventException {
        if (end - position < bytes) {
            throw new MalformedEventException("input ends inside a " + what + " at byte " + position);
        }
    }
}
