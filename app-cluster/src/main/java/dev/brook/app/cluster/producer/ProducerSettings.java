package dev.brook.app.cluster.producer;

import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.produce.ProduceLimit;
import dev.brook.core.domain.produce.ProduceRate;
import dev.brook.core.domain.produce.ProduceSettings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The producer pod's settings, from its environment (the spec's variables plus Brook's):
 * <ul>
 *   <li>{@code PULSAR_URL} (default the spec's {@code pulsar://pulsar-proxy.pulsar.svc.cluster.local:6650}),
 *       {@code PULSAR_TOPIC} (default {@code persistent://public/default/event-stream-data})</li>
 *   <li>{@code MESSAGES_PER_SECOND}: events per second, or {@code max} (default 1000, the spec's)</li>
 *   <li>{@code EVENT_SOURCE_COUNT} (default 10000), {@code DOMAIN_PROFILE} (default {@code iot}),
 *       {@code SEED} (default: a random one, printed, so a run can be repeated)</li>
 *   <li>{@code EVENT_COUNT} or {@code DURATION} ({@code 90s}, {@code 10m}, {@code 2h}, {@code PT10M}); neither
 *       = until stopped (SIGTERM)</li>
 *   <li>{@code ENVELOPE_MAX_EVENTS} (500), {@code ENVELOPE_MAX_DELAY} (10ms), {@code PULSAR_TIMEOUT} (30s),
 *       {@code PULSAR_COMPRESSION} ({@code lz4}, the spec's, or {@code none}: less CPU, more bytes)</li>
 * </ul>
 * Every value is checked before anything starts; an error names the variable and what it accepts.
 *
 * @param connection where Pulsar is
 * @param publisher  topic, envelopes and timeouts of the publisher
 * @param produce    what to generate, how fast, for how long
 */
public record ProducerSettings(PulsarConnection connection, PulsarPublisherSettings publisher, ProduceSettings produce) {

    public static final String SPEC_PULSAR_URL = "pulsar://pulsar-proxy.pulsar.svc.cluster.local:6650";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    public ProducerSettings {
        if (connection == null || publisher == null || produce == null) {
            throw new IllegalArgumentException("the producer needs a connection, publisher settings and produce settings");
        }
    }

    /**
     * Reads and checks the settings.
     *
     * @param startTimeMillis event time of the first event (now, for a live stream)
     * @param randomSeed      the seed used when {@code SEED} is not set
     * @throws IllegalArgumentException naming the first bad variable and what it accepts
     */
    public static ProducerSettings fromEnvironment(Map<String, String> env, long startTimeMillis, long randomSeed) {
        Variables vars = new Variables(env);
        PulsarConnection connection = vars.parse("PULSAR_URL", SPEC_PULSAR_URL, PulsarConnection::ofServiceUrl,
                "a Pulsar service URL such as pulsar://broker:6650");
        String topic = vars.value("PULSAR_TOPIC").orElse(PulsarPublisherSettings.DEFAULT_TOPIC);
        ProduceRate rate = vars.parse("MESSAGES_PER_SECOND", "1000", ProduceRate::parse,
                "a positive number of events per second, or max");
        int sources = vars.parse("EVENT_SOURCE_COUNT", "10000", Integer::parseInt, "a whole number of sources, 1 or more");
        var profile = vars.parse("DOMAIN_PROFILE", DomainProfiles.DEFAULT, DomainProfiles::byName,
                "one of " + String.join(", ", DomainProfiles.names()));
        long seed = vars.parse("SEED", String.valueOf(randomSeed), Long::parseLong, "a whole number");
        ProduceLimit limit = limit(vars);
        int envelopeEvents = vars.parse("ENVELOPE_MAX_EVENTS", "500", Integer::parseInt, "a whole number of events");
        Duration envelopeDelay = vars.parse("ENVELOPE_MAX_DELAY", "10ms", ProducerSettings::duration, "a duration such as 10ms");
        Duration timeout = vars.parse("PULSAR_TIMEOUT", "30s", ProducerSettings::duration, "a duration such as 30s");
        PulsarPublisherSettings.Compression compression = vars.parse("PULSAR_COMPRESSION", "lz4",
                v -> PulsarPublisherSettings.Compression.valueOf(v.toUpperCase(Locale.ROOT)), "lz4 or none");
        PulsarPublisherSettings publisher = vars.check("PULSAR_TOPIC / ENVELOPE_* / PULSAR_TIMEOUT", () ->
                PulsarPublisherSettings.defaults(topic).withEnvelope(envelopeEvents, envelopeDelay).withOperationTimeout(timeout)
                        .withCompression(compression));
        ProduceSettings produce = vars.check("EVENT_SOURCE_COUNT", () ->
                ProduceSettings.live(seed, sources, profile, startTimeMillis, rate, limit));
        return new ProducerSettings(connection, publisher, produce);
    }

    private static ProduceLimit limit(Variables vars) {
        Optional<String> count = vars.value("EVENT_COUNT");
        Optional<String> duration = vars.value("DURATION");
        if (count.isPresent() && duration.isPresent()) {
            throw new IllegalArgumentException("EVENT_COUNT and DURATION are both set: set one of them, or neither to run until stopped");
        }
        if (count.isPresent()) {
            return vars.parse("EVENT_COUNT", null, v -> ProduceLimit.count(Long.parseLong(v)), "a whole number of events, 1 or more");
        }
        if (duration.isPresent()) {
            return vars.parse("DURATION", null, v -> ProduceLimit.elapsed(duration(v)), "a duration such as 90s, 10m or PT10M");
        }
        return ProduceLimit.untilStopped();
    }

    /** {@code 250ms}, {@code 90s}, {@code 10m}, {@code 2h}, or ISO-8601 ({@code PT10M}). */
    static Duration duration(String text) {
        Matcher shortForm = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
    }

    /** Environment lookups whose errors name the variable, its value and what it accepts. */
    private record Variables(Map<String, String> env) {

        Optional<String> value(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        <T> T parse(String name, String fallback, Function<String, T> parser, String accepted) {
            String raw = value(name).orElse(fallback);
            try {
                return parser.apply(raw);
            } catch (RuntimeException e) {
                String reason = e instanceof NumberFormatException || e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
                throw new IllegalArgumentException(name + "='" + raw + "' is invalid: expected " + accepted + reason, e);
            }
        }

        <T> T check(String names, java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(names + ": " + e.getMessage(), e);
            }
        }
    }
}
