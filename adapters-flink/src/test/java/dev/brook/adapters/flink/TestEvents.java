package dev.brook.adapters.flink;

import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;

import java.util.ArrayList;
import java.util.List;

/** Deterministic events and encoded batches for the job's tests. */
public final class TestEvents {

    /** 2026-01-01T00:00:00Z: a window boundary for every window size that divides a day. */
    public static final long START_MILLIS = 1_767_225_600_000L;

    private TestEvents() {
    }

    /**
     * The events of message {@code index} in a stream of messages of {@code eventsPerMessage} events whose
     * event time advances {@code eventTimeRate} events per second from {@link #START_MILLIS}, each moved back
     * by up to {@code maxDisorderMillis}. Message {@code i} is computable alone, so parallel sources can make it.
     */
    public static List<Event> message(long index, int eventsPerMessage, int sourceCount, double eventTimeRate,
                                      long maxDisorderMillis) {
        long firstEventTime = START_MILLIS + (long) Math.floor(index * eventsPerMessage * 1000.0 / eventTimeRate);
        EventGenerator generator = new EventGenerator(new GeneratorSettings(1_000 + index, sourceCount,
                DomainProfiles.byName(DomainProfiles.DEFAULT), firstEventTime, eventTimeRate, maxDisorderMillis));
        List<Event> events = new ArrayList<>(eventsPerMessage);
        for (int i = 0; i < eventsPerMessage; i++) {
            events.add(generator.next());
        }
        return events;
    }

    public static byte[] encode(List<Event> events) {
        return new AvroEventCodec().encodeBatch(events);
    }
}
