package dev.brook.adapters.flink.source;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.types.BrookTypes;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.pulsar.source.reader.deserializer.PulsarDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.pulsar.client.api.Message;

/**
 * One Pulsar message in, one {@link DecodedMessage} out: all of the message's events at once, or the
 * message as malformed. Emitting a message whole is what keeps restores exact (see {@link DecodedMessage}).
 */
public final class PulsarMessageDeserializer implements PulsarDeserializationSchema<DecodedMessage> {

    private final DecodedForm form;
    private transient MessageDecoder decoder;

    public PulsarMessageDeserializer(DecodedForm form) {
        if (form == null) {
            throw new IllegalArgumentException("the deserializer needs the form to decode messages into");
        }
        this.form = form;
    }

    @Override
    public void deserialize(Message<byte[]> message, Collector<DecodedMessage> out) {
        if (decoder == null) {
            decoder = new MessageDecoder();
        }
        out.collect(decoder.decode(originOf(message), message.getData(), form));
    }

    static String originOf(Message<?> message) {
        return message.getTopicName() + "@" + message.getMessageId();
    }

    @Override
    public TypeInformation<DecodedMessage> getProducedType() {
        return BrookTypes.DECODED_MESSAGE;
    }
}
