package dev.brook.core.domain.port.out;

import java.util.Arrays;

/**
 * A record that could not be processed, kept with the reason so that nothing is dropped silently.
 *
 * @param origin where it came from (e.g. topic, partition and message id)
 * @param payload the raw bytes as received
 * @param reason why it was set aside, readable by a person
 * @param receivedAtMillis when it was set aside, epoch milliseconds
 */
public record DeadLetter(String origin, byte[] payload, String reason, long receivedAtMillis) {

    public DeadLetter {
        if (origin == null || origin.isBlank() || payload == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a dead letter needs an origin, the payload and a reason");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && origin.equals(d.origin) && Arrays.equals(payload, d.payload)
                && reason.equals(d.reason) && receivedAtMillis == d.receivedAtMillis;
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + origin + ", " + payload.length + " bytes, reason=" + reason + "}";
    }
}
