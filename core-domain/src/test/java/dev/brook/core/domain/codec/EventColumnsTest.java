package dev.brook.core.domain.codec;

import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AvroEventCodec#decodeColumns} holds exactly what {@link AvroEventCodec#decodeBatch} gives. */
class EventColumnsTest {

    private static final long T0 = 1_704_067_200_000L;
    private final AvroEventCodec codec = new AvroEventCodec();

    @Test
    void holdTheEventsOfEveryDomainProfileAndEveryFieldsExtremes() throws MalformedEventException {
        for (String profile : DomainProfiles.names()) {
            List<Event> events = new EventGenerator(new GeneratorSettings(11, 2_000, DomainProfiles.byName(profile), T0,
                    GeneratorSettings.DEFAULT_EVENT_TIME_RATE, 1_000)).next(1_500);
            EventColumnsAssertions.assertHoldExactly(AvroEventCodec.decodeColumns(codec.encodeBatch(events)), events, profile);
        }
        List<Event> extremes = AvroEventCodecTest.extremes();
        EventColumnsAssertions.assertHoldExactly(AvroEventCodec.decodeColumns(codec.encodeBatch(extremes)), extremes, "extremes");
    }

    @Test
    void anEmptyBatchHoldsNoEventAndNoTime() throws MalformedEventException {
        EventColumns none = AvroEventCodec.decodeColumns(codec.encodeBatch(List.of()));
        assertThat(none.size()).isZero();
        assertThat(none.latestEventTimeMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void readArraysWrittenInSeveralBlocksLikeTheEventDecoder() throws Exception {
        List<Event> events = new EventGenerator(GeneratorSettings.defaults(5, T0)).next(300);
        byte[] blocks = AvroGenericEvents.writeBatchInBlocks(events, 1024);

        EventColumnsAssertions.assertHoldExactly(AvroEventCodec.decodeColumns(blocks), events, "blocks");
    }

    @Test
    void eachEventsBytesAreItsOwnRecordAndThePayloadIsKeptWhole() throws MalformedEventException {
        List<Event> events = new EventGenerator(GeneratorSettings.defaults(8, T0)).next(20);
        byte[] payload = codec.encodeBatch(events);
        EventColumns columns = AvroEventCodec.decodeColumns(payload);

        for (int i = 0; i < events.size(); i++) {
            assertThat(columns.bytesOf(i)).isEqualTo(codec.encode(events.get(i)));
        }
        assertThat(columns.payload()).isEqualTo(payload).isNotSameAs(payload);
    }
}
