package dev.brook.core.domain.port.out;

/** A batch of aggregates could not be stored: says which store, which row if known, and why. */
public class AggregateWriteException extends RuntimeException {

    private final boolean transientFailure;

    public AggregateWriteException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying again later may succeed (store unreachable, timeouts); false for bad data or schema. */
    public boolean isTransient() {
        return transientFailure;
    }
}
