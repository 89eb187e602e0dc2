package dev.brook.core.domain.model;

/**
 * The id of an event source, {@code source-0001234} style: the key of every window.
 *
 * @param value the id as it travels and is stored
 */
public record SourceId(String value) implements Comparable<SourceId> {

    /** The largest index the seven-digit format can carry. */
    public static final int MAX_INDEX = 9_999_999;

    public SourceId {
        if (!IdFormat.isPrefixAndDigits(value, "source-", 7)) {
            throw new InvalidEventException("source_id", value,
                    "must look like source-0001234 (the word 'source-' and seven digits)");
        }
    }

    /** The id of the source with this pool index, e.g. 1234 → {@code source-0001234}. */
    public static SourceId ofIndex(int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new InvalidEventException("source index", index, "must be within 0.." + MAX_INDEX);
        }
        return new SourceId(String.format("source-%07d", index));
    }

    /** The pool index this id was made from. */
    public int index() {
        return Integer.parseInt(value, 7, 14, 10);
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
