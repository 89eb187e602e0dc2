package dev.brook.core.domain.model;

import java.nio.charset.StandardCharsets;

/**
 * The id of an event source, {@code source-0001234} style: the key of every window.
 *
 * @param value the id as it travels and is stored
 */
public record SourceId(String value) implements Comparable<SourceId> {

    /** The largest index the seven-digit format can carry. */
    public static final int MAX_INDEX = 9_999_999;
    /** What every id starts with; seven digits of its index follow. */
    public static final String PREFIX = "source-";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int DIGITS = 7;

    public SourceId {
        if (!IdFormat.isPrefixAndDigits(value, PREFIX, DIGITS)) {
            throw new InvalidEventException("source_id", value,
                    "must look like source-0001234 (the word 'source-' and seven digits)");
        }
    }

    /** The id of the source with this pool index, e.g. 1234 → {@code source-0001234}. */
    public static SourceId ofIndex(int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new InvalidEventException("source index", index, "must be within 0.." + MAX_INDEX);
        }
        // By hand, not String.format: tables make one per source and window they hand out.
        byte[] id = {'s', 'o', 'u', 'r', 'c', 'e', '-', '0', '0', '0', '0', '0', '0', '0'};
        for (int i = id.length - 1, rest = index; rest > 0; i--, rest /= 10) {
            id[i] = (byte) ('0' + rest % 10);
        }
        return new SourceId(new String(id, StandardCharsets.US_ASCII));
    }

    /** The pool index this id was made from. */
    public int index() {
        return Integer.parseInt(value, PREFIX.length(), PREFIX.length() + DIGITS, 10);
    }

    /**
     * The index of the source id the UTF-8 bytes {@code data[offset, offset + length)} spell, or -1 if they
     * are not one the constructor accepts: how a decoder reads an id without making a string.
     */
    public static int indexOf(byte[] data, int offset, int length) {
        return IdFormat.prefixedNumber(data, offset, length, PREFIX_BYTES, DIGITS);
    }

    @Override
    public int compareTo(SourceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
