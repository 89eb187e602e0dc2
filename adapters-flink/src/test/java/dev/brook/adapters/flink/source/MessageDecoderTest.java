package dev.brook.adapters.flink.source;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.TestEvents;
import dev.brook.core.domain.model.Event;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();

    @Test
    void decodesAWholeBatchAndStampsItWithItsLatestEventTime() {
        List<Event> events = TestEvents.message(0, 50, 10, 100, 200);

        DecodedMessage decoded = decoder.decode("t@1:0:-1", TestEvents.encode(events));

        assertThat(decoded).isEqualTo(new DecodedMessage.Events("t@1:0:-1", events));
        assertThat(decoded.timestampMillis()).isEqualTo(events.stream().mapToLong(Event::eventTimeMillis).max().orElseThrow());
    }

    @Test
    void turnsBadBytesIntoAMalformedMessageWithTheReasonInsteadOfThrowing() {
        byte[] valid = TestEvents.encode(TestEvents.message(0, 3, 10, 100, 0));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 5);

        DecodedMessage decoded = decoder.decode("t@1:1:-1", truncated);

        assertThat(decoded).isInstanceOfSatisfying(DecodedMessage.Malformed.class, m -> {
            assertThat(m.payload()).isEqualTo(truncated);
            assertThat(m.reason()).isNotBlank();
        });
        assertThat(decoded.timestampMillis()).as("never moves the watermark").isEqualTo(Long.MIN_VALUE);
        assertThat(decoder.decode("t@1:2:-1", "{\"source_id\":\"json\"}".getBytes()))
                .isInstanceOf(DecodedMessage.Malformed.class);
        assertThat(decoder.decode("t@1:3:-1", null)).isInstanceOf(DecodedMessage.Malformed.class);
    }
}
