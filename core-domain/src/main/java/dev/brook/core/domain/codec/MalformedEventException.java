package dev.brook.core.domain.codec;

/**
 * Bytes that are not a valid encoded event or batch. Thrown instead of ever returning garbage values;
 * the message says what was wrong and at which byte offset.
 */
public final class MalformedEventException extends Exception {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
