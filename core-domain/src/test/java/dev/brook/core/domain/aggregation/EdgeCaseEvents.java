package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.testing.EventBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random events that hit aggregation's edge cases, shared by the accumulator property tests. */
final class EdgeCaseEvents {

    static final long T0 = 1_704_067_200_000L;
    private static final String[] TYPES = {"alpha", "beta", "gamma"};
    private static final EventStatus[] STATUSES = EventStatus.values();

    private EdgeCaseEvents() {
    }

    /** Events of one source with values chosen to hit edge cases: negatives, signed zeros, ties, the largest and tiny. */
    static List<Event> ofOneSource(SplittableRandom random, int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(EventBuilder.valid()
                    .time(T0 + random.nextInt(40)) // few distinct times: identity ties are common
                    .eventType(TYPES[random.nextInt(TYPES.length)])
                    .customerId(String.format("cust-%06d", random.nextInt(3)))
                    .siteId(String.format("site-%05d", random.nextInt(3)))
                    .temperature(anyDouble(random))
                    .humidity(random.nextDouble() * 100)
                    .pressure(Math.abs(anyDouble(random)))
                    .co2Level(random.nextInt(3) == 0 ? 0.0 : random.nextDouble(350, 5_000))
                    .noiseLevel(random.nextDouble(0, 1e-300))
                    .lightLevel(random.nextDouble() * 1e6)
                    .batteryLevel(random.nextInt(101))
                    .signalStrength(-random.nextDouble(40, 120))
                    .memoryUsage(random.nextDouble() * 100)
                    .cpuUsage(random.nextBoolean() ? 0.0 : 100.0)
                    .motionDetected(random.nextBoolean())
                    .status(STATUSES[random.nextInt(STATUSES.length)])
                    .errorCount(random.nextInt(Integer.MAX_VALUE))
                    .packetsSent(random.nextLong(Long.MAX_VALUE))
                    .packetsReceived(random.nextInt(1_000))
                    .bytesSent(random.nextLong(1L << 40))
                    .bytesReceived(0)
                    .build());
        }
        return events;
    }

    static double anyDouble(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> -0.0;
            case 1 -> 0.0;
            case 2 -> -random.nextDouble() * 1e3;
            case 3 -> random.nextDouble() * 1e3;
            case 4 -> (random.nextBoolean() ? 1 : -1) * Double.MIN_VALUE;
            default -> (random.nextBoolean() ? 1 : -1) * random.nextDouble() * Event.MAX_ABS_READING;
        };
    }

}
