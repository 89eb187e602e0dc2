package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.SourceId;

/**
 * Everything that determines a generated event stream: the same settings give the same events, event
 * times included.
 *
 * @param seed seed of the random sequence
 * @param sourceCount size of the source pool (the spec: 10,000; its producer docs also say 17,000)
 * @param profile the domain the values come from
 * @param startTimeMillis event time of the first event, epoch milliseconds; no event is earlier
 * @param eventTimeRate events per second of event time: event {@code i} is stamped
 *                      {@code start + i * 1000 / rate} before jitter
 * @param maxDisorderMillis each event time is moved back by a random 0..this many ms (out-of-order input), never
 *                          before the start time
 */
public record GeneratorSettings(long seed, int sourceCount, DomainProfile profile, long startTimeMillis,
                                double eventTimeRate, long maxDisorderMillis) {

    public static final int DEFAULT_SOURCE_COUNT = 10_000;
    /** The event-time pace when publishing is not rate-limited: the spec's target rate. */
    public static final double DEFAULT_EVENT_TIME_RATE = 50_000;

    public GeneratorSettings {
        if (sourceCount < 1 || sourceCount > SourceId.MAX_INDEX + 1) {
            throw new IllegalArgumentException("source count " + sourceCount + " must be within 1.." + (SourceId.MAX_INDEX + 1)
                    + " (ids are source-0000000 … source-9999999)");
        }
        if (profile == null) {
            throw new IllegalArgumentException("a domain profile is required (known: " + DomainProfiles.names() + ")");
        }
        if (startTimeMillis < 0) {
            throw new IllegalArgumentException("start time " + startTimeMillis + " must be epoch milliseconds ≥ 0");
        }
        if (!(eventTimeRate > 0) || Double.isInfinite(eventTimeRate)) {
            throw new IllegalArgumentException("event-time rate " + eventTimeRate + " must be a positive number of events per second");
        }
        if (maxDisorderMillis < 0) {
            throw new IllegalArgumentException("disorder " + maxDisorderMillis + " ms must be ≥ 0");
        }
    }

    public static GeneratorSettings defaults(long seed, long startTimeMillis) {
        return new GeneratorSettings(seed, DEFAULT_SOURCE_COUNT, DomainProfiles.byName(DomainProfiles.DEFAULT),
                startTimeMillis, DEFAULT_EVENT_TIME_RATE, 0);
    }
}
