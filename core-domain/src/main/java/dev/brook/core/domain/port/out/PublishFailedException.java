package dev.brook.core.domain.port.out;

/** Publishing failed for good: the message names the broker, the topic and the cause. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
