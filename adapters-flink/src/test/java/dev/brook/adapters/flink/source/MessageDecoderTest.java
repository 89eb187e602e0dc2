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
    void decodesIntoColumnsTheSameEventsWithTheSameTimestamp() {
        List<Event> events = TestEvents.message(3, 50, 10, 100, 200);
        byte[] payload = TestEvents.encode(events);

        DecodedMessage decoded = decoder.decode("t@1:0:-1", payload, DecodedForm.COLUMNS);

        assertThat(decoded).isInstanceOfSatisfying(DecodedMessage.Columns.class, columns -> {
            assertThat(columns.origin()).isEqualTo("t@1:0:-1");
            assertThat(columns.eventCount()).isEqualTo(events.size());
            for (int i = 0; i < events.size(); i++) {
                assertThat(columns.events().event(i)).isEqualTo(events.get(i));
            }
        });
        assertThat(decoded.timestampMillis()).isEqualTo(decoder.decode("t@1:0:-1", payload).timestampMillis());
    }

    @Test
    void givesTheSameReasonForBadBytesInEitherForm() {
        byte[] valid = TestEvents.encode(TestEvents.message(0, 3, 10, 100, 0));
        for (byte[] bad : List.of(Arrays.copyOf(valid, valid.length - 5), "{}".getBytes(), new byte[0])) {
            DecodedMessage asEvents = decoder.decode("t@1:1:-1", bad, DecodedForm.EVENTS);
            DecodedMessage asColumns = decoder.decode("t@1:1:-1", bad, DecodedForm.COLUMNS);
            assertThat(asColumns).isInstanceOf(DecodedMessage.Malformed.class).isEqualTo(asEvents);
        }
        assertThat(decoder.decode("t@1:3:-1", null, DecodedForm.COLUMNS)).isInstanceOf(DecodedMessage.Malformed.class);
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
