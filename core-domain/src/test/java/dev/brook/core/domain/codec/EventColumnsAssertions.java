package dev.brook.core.domain.codec;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.Metric;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that columns hold exactly the events the event decoder gives, field by field and bit by bit. */
final class EventColumnsAssertions {

    private static final Metric[] METRICS = Metric.all();

    private EventColumnsAssertions() {
    }

    static void assertHoldExactly(EventColumns columns, List<Event> events, String context) {
        assertThat(columns.size()).as(context).isEqualTo(events.size());
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String at = context + ", event " + i;
            assertThat(columns.sourceIndex(i)).as(at).isEqualTo(event.sourceId().index());
            assertThat(columns.sourceId(i)).as(at).isEqualTo(event.sourceId());
            assertThat(columns.eventTimeMillis(i)).as(at).isEqualTo(event.eventTimeMillis());
            assertThat(columns.status(i)).as(at).isEqualTo(event.status());
            assertThat(columns.motionDetected(i)).as(at).isEqualTo(event.motionDetected());
            for (int m = 0; m < METRICS.length; m++) {
                // Bits, not ==: -0.0 and 0.0 must stay apart.
                assertThat(Double.doubleToRawLongBits(columns.metric(i, m))).as("%s, %s", at, METRICS[m])
                        .isEqualTo(Double.doubleToRawLongBits(METRICS[m].valueOf(event)));
            }
            assertThat(columns.event(i)).as(at).isEqualTo(event);
            assertThat(decodeAlone(columns.bytesOf(i), at)).as(at).isEqualTo(event);
            latest = Math.max(latest, event.eventTimeMillis());
        }
        assertThat(columns.latestEventTimeMillis()).as(context).isEqualTo(latest);
    }

    private static Event decodeAlone(byte[] eventBytes, String context) {
        try {
            return new AvroEventCodec().decode(eventBytes);
        } catch (MalformedEventException e) {
            throw new AssertionError(context + ": the event's own bytes do not decode alone", e);
        }
    }
}
