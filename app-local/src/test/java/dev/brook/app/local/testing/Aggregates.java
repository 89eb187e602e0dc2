package dev.brook.app.local.testing;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;

/** Real aggregates made by the domain's accumulator from generated events. */
public final class Aggregates {

    private Aggregates() {
    }

    /** The aggregate of the first {@code events} events of one source in the minute starting at {@code windowStart}. */
    public static WindowAggregate of(int sourceIndex, long windowStart, int events) {
        EventGenerator generator = new EventGenerator(GeneratorSettings.defaults(sourceIndex, windowStart));
        TimeWindow window = new TimeWindow(windowStart, windowStart + 60_000);
        WindowAccumulator accumulator = new WindowAccumulator();
        for (int i = 0; i < events; i++) {
            // A window holds one source's events: give every generated event that source.
            accumulator.add(withSource(generator.next(), sourceIndex));
        }
        return accumulator.toAggregate(window);
    }

    private static Event withSource(Event e, int sourceIndex) {
        var source = dev.brook.core.domain.model.SourceId.ofIndex(sourceIndex);
        return new Event(source, e.eventType(), Event.customerIdOf(source), Event.siteIdOf(source), e.latitude(),
                e.longitude(), e.altitude(), e.eventTimeMillis(), e.temperature(), e.humidity(), e.pressure(),
                e.co2Level(), e.noiseLevel(), e.lightLevel(), e.motionDetected(), e.batteryLevel(),
                e.signalStrength(), e.memoryUsage(), e.cpuUsage(), e.status(), e.errorCount(), e.packetsSent(),
                e.packetsReceived(), e.bytesSent(), e.bytesReceived());
    }
}
