package dev.brook.core.domain.produce;

import dev.brook.core.domain.generation.DomainProfile;
import dev.brook.core.domain.generation.GeneratorSettings;

/**
 * Everything the producer loop needs besides its collaborators: what to generate, how fast, for how long.
 *
 * @param generator the event stream (seed, sources, profile, event-time pace)
 * @param rate      the publishing rate
 * @param limit     when to stop on its own
 */
public record ProduceSettings(GeneratorSettings generator, ProduceRate rate, ProduceLimit limit) {

    public ProduceSettings {
        if (generator == null) {
            throw new IllegalArgumentException("generator settings are required");
        }
        if (rate == null) {
            throw new IllegalArgumentException("a rate is required: a number of events per second or 'max'");
        }
        if (limit == null) {
            throw new IllegalArgumentException("a limit is required: a count, a duration or until stopped");
        }
    }

    /**
     * A live stream: event times start at {@code startTimeMillis} and advance at the publishing rate, so
     * at a set rate they follow the wall clock (at {@code max}, the spec's 50,000/s), in order.
     */
    public static ProduceSettings live(long seed, int sourceCount, DomainProfile profile, long startTimeMillis,
                                       ProduceRate rate, ProduceLimit limit) {
        return new ProduceSettings(new GeneratorSettings(seed, sourceCount, profile, startTimeMillis, rate.eventTimeRate(), 0),
                rate, limit);
    }
}
