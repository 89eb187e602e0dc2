package dev.brook.pulsar.embedded;

/** The embedded broker could not start or stop; the message says where and why. */
public class EmbeddedPulsarException extends RuntimeException {

    public EmbeddedPulsarException(String message, Throwable cause) {
        super(message, cause);
    }
}
