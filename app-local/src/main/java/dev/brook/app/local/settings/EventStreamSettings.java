package dev.brook.app.local.settings;

import dev.brook.core.domain.generation.DomainProfile;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.produce.ProduceRate;

/**
 * What decides the generated event stream, except its start time: {@code run} and {@code generate} both
 * turn these into {@link GeneratorSettings} through {@link #generatorSettings(long)}, so the same
 * arguments give the same events in both.
 *
 * @param seed seed of the random sequence
 * @param sourceCount size of the source pool
 * @param profile the domain the values come from
 * @param rate publishing rate; it also paces event time
 * @param maxDisorderMillis event times are moved back by up to this many ms (out-of-order input)
 */
public record EventStreamSettings(long seed, int sourceCount, DomainProfile profile, ProduceRate rate,
                                  long maxDisorderMillis) {

    public EventStreamSettings {
        if (profile == null || rate == null) {
            throw new IllegalArgumentException("event stream settings need a domain profile and a rate");
        }
        // Validates the pool size and disorder with the generator's own messages before anything starts.
        new GeneratorSettings(seed, sourceCount, profile, 0, rate.eventTimeRate(), maxDisorderMillis);
    }

    public GeneratorSettings generatorSettings(long startTimeMillis) {
        return new GeneratorSettings(seed, sourceCount, profile, startTimeMillis, rate.eventTimeRate(), maxDisorderMillis);
    }
}
