package dev.brook.app.local.cli;

import dev.brook.app.local.settings.EventStreamSettings;
import dev.brook.core.domain.produce.ProduceRate;
import dev.brook.core.domain.generation.DomainProfile;
import picocli.CommandLine.Option;

/**
 * The options that decide the event stream, shared by {@code run} and {@code generate} so that the same
 * arguments mean the same events in both.
 */
final class StreamOptions {

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the generator: the same seed and options give the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sources", defaultValue = "10000", paramLabel = "K",
            description = "Size of the source pool, 1..10000000 (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--domain", defaultValue = "iot", paramLabel = "D", converter = Converters.DomainConverter.class,
            description = "Domain profile: iot, ecommerce, finance, gaming, logistics or social (default: ${DEFAULT-VALUE}).")
    DomainProfile profile;

    @Option(names = "--rate", defaultValue = "50000", paramLabel = "R", converter = Converters.RateConverter.class,
            description = {"Events per second, or 'max' (default: ${DEFAULT-VALUE}, the spec's rate).",
                    "Also paces event time: event i is stamped start + i/R; with 'max' at 50,000/s."})
    ProduceRate rate;

    @Option(names = "--disorder-ms", defaultValue = "0", paramLabel = "M",
            description = "Move each event time back by a random 0..M ms, never before the start time: out-of-order input (default: ${DEFAULT-VALUE}).")
    long disorderMillis;

    EventStreamSettings settings() {
        return new EventStreamSettings(seed, sources, profile, rate, disorderMillis);
    }
}
