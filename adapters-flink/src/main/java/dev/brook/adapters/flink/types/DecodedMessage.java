package dev.brook.adapters.flink.types;

import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.model.Event;

import java.util.Arrays;
import java.util.List;

/**
 * What one Pulsar message became: all of its events, or the reason it could not be read.
 *
 * <p>A message is the atomic unit of the job: the source emits it whole, so a checkpoint always lies
 * between two messages and never inside a batch (the restore data loss of FLINK-36180 cannot happen).
 */
public sealed interface DecodedMessage {

    /** Where the message came from (topic and message id), for dead letters and logs. */
    String origin();

    /** The timestamp the source stamps on the message for watermarking: its latest event time. */
    long timestampMillis();

    /** How many events the message holds; none if it is malformed. */
    int eventCount();

    /**
     * A readable message as columns ({@link EventColumns}): what Brook's job reads, with no object per event.
     * The columns keep the message's bytes, so a late event is set aside as it arrived.
     */
    record Columns(String origin, EventColumns events) implements DecodedMessage {

        public Columns {
            requireOrigin(origin);
            if (events == null) {
                throw new IllegalArgumentException("decoded message from " + origin + " needs its event columns");
            }
        }

        @Override
        public long timestampMillis() {
            return events.latestEventTimeMillis();
        }

        @Override
        public int eventCount() {
            return events.size();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Columns c && origin.equals(c.origin) && Arrays.equals(events.payload(), c.events.payload());
        }

        @Override
        public int hashCode() {
            return origin.hashCode() * 31 + events.size();
        }

        @Override
        public String toString() {
            return "Columns{" + origin + ", " + events.size() + " events}";
        }
    }

    /** A readable message and its events, in the order they were published, as objects. */
    record Events(String origin, List<Event> events) implements DecodedMessage {

        public Events {
            requireOrigin(origin);
            if (events == null) {
                throw new IllegalArgumentException("decoded message from " + origin + " needs an event list (may be empty)");
            }
            events = List.copyOf(events);
        }

        @Override
        public long timestampMillis() {
            long latest = Long.MIN_VALUE;
            for (Event event : events) {
                latest = Math.max(latest, event.eventTimeMillis());
            }
            return latest;
        }

        @Override
        public int eventCount() {
            return events.size();
        }
    }

    /** A message that is not a valid event batch: kept whole with the reason, to be set aside and counted. */
    record Malformed(String origin, byte[] payload, String reason) implements DecodedMessage {

        public Malformed {
            requireOrigin(origin);
            if (payload == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("malformed message from " + origin + " needs its payload and a reason");
            }
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** Malformed messages carry no event time, so they never move the watermark. */
        @Override
        public long timestampMillis() {
            return Long.MIN_VALUE;
        }

        @Override
        public int eventCount() {
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Malformed m && origin.equals(m.origin) && Arrays.equals(payload, m.payload)
                    && reason.equals(m.reason);
        }

        @Override
        public int hashCode() {
            return origin.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Malformed{" + origin + ", " + payload.length + " bytes, reason=" + reason + "}";
        }
    }

    private static void requireOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("a decoded message needs its origin (topic and message id)");
        }
    }
}
