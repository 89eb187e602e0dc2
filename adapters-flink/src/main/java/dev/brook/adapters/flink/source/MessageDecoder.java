package dev.brook.adapters.flink.source;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.MalformedEventException;

/**
 * Turns the bytes of one message into a {@link DecodedMessage} with the core-domain codec. Never throws
 * on bad bytes: they become {@link DecodedMessage.Malformed} with the codec's reason.
 *
 * <p>Not thread-safe (the codec reuses buffers): one per source reader.
 */
public final class MessageDecoder {

    private final AvroEventCodec codec = new AvroEventCodec();

    /** The message's events as objects ({@link DecodedMessage.Events}). */
    public DecodedMessage decode(String origin, byte[] payload) {
        return decode(origin, payload, DecodedForm.EVENTS);
    }

    /** The message's events in the form asked for. */
    public DecodedMessage decode(String origin, byte[] payload, DecodedForm form) {
        if (payload == null) {
            return new DecodedMessage.Malformed(origin, new byte[0], "message has no payload");
        }
        try {
            return switch (form) {
                case EVENTS -> new DecodedMessage.Events(origin, codec.decodeBatch(payload));
                case COLUMNS -> new DecodedMessage.Columns(origin, AvroEventCodec.decodeColumns(payload));
            };
        } catch (MalformedEventException malformed) {
            return new DecodedMessage.Malformed(origin, payload, malformed.getMessage());
        } catch (RuntimeException unexpected) {
            // Whatever the bytes do to the decoder, one message must never fail the job.
            return new DecodedMessage.Malformed(origin, payload, "undecodable: " + unexpected);
        }
    }
}
