package dev.brook.adapters.flink.source;

/** What a readable message becomes: events as objects, or columns (Brook's job: no object per event). */
public enum DecodedForm {
    /** {@link dev.brook.adapters.flink.types.DecodedMessage.Events}. */
    EVENTS,
    /** {@link dev.brook.adapters.flink.types.DecodedMessage.Columns}. */
    COLUMNS
}
