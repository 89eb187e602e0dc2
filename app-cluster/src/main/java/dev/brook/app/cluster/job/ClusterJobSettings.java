package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.StartPosition;
import dev.brook.adapters.flink.StateBackendKind;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the cluster job is told through its environment (Kubernetes sets it from the chart's values): where
 * Pulsar and ClickHouse are and how the job runs. Every value is checked before anything starts; an error
 * names the variable and an accepted value.
 *
 * @param job        the streaming job's settings
 * @param clickHouse where the aggregates go
 * @param deadLetterTopic the Pulsar topic where malformed messages and late events are set aside
 *                        (default: the event topic's name + {@code -dead-letters})
 */
public record ClusterJobSettings(JobSettings job, ClickHouseTarget clickHouse, String deadLetterTopic) {

    public ClusterJobSettings {
        if (job == null || clickHouse == null) {
            throw new IllegalArgumentException("the cluster job needs its job settings and a ClickHouse target");
        }
        if (deadLetterTopic == null || deadLetterTopic.isBlank() || deadLetterTopic.equals(job.topic())) {
            throw new IllegalArgumentException("DEAD_LETTER_TOPIC '" + deadLetterTopic + "' must be a topic other than the"
                    + " event topic (e.g. " + job.topic() + "-dead-letters)");
        }
    }

    /** Reads the settings from environment variables; unset ones take the spec's defaults. */
    public static ClusterJobSettings fromEnvironment(Map<String, String> env) {
        Reader read = new Reader(env);
        JobSettings.Builder job = JobSettings.builder(
                        read.text("PULSAR_URL", "pulsar://localhost:6650"),
                        read.text("PULSAR_ADMIN_URL", "http://localhost:8080"))
                .topic(read.text("PULSAR_TOPIC", JobSettings.DEFAULT_TOPIC))
                .subscription(read.text("PULSAR_SUBSCRIPTION", JobSettings.DEFAULT_SUBSCRIPTION))
                .startPosition(read.choice("START_POSITION", StartPosition.EARLIEST, StartPosition.class))
                .windowSize(read.duration("WINDOW_SIZE", Duration.ofMinutes(1)))
                .maxOutOfOrderness(read.duration("MAX_OUT_OF_ORDERNESS", Duration.ofSeconds(5)))
                .idleTimeout(read.duration("IDLE_TIMEOUT", Duration.ofSeconds(30)))
                .allowedLateness(read.duration("ALLOWED_LATENESS", Duration.ZERO))
                .checkpointInterval(read.duration("CHECKPOINT_INTERVAL", Duration.ofSeconds(60)))
                .parallelism(read.integer("PARALLELISM", 2))
                .stateBackend(read.choice("STATE_BACKEND", StateBackendKind.ROCKSDB, StateBackendKind.class))
                .sinkMaxBatchSize(read.integer("SINK_MAX_BATCH_SIZE", 5_000))
                .sinkMaxBatchDelay(read.duration("SINK_MAX_BATCH_DELAY", Duration.ofSeconds(1)))
                .sinkMaxAttempts(read.integer("SINK_MAX_ATTEMPTS", 3))
                .maxRestartAttempts(read.integer("MAX_RESTART_ATTEMPTS", 10))
                .restartDelay(read.duration("RESTART_DELAY", Duration.ofSeconds(5)));
        read.optional("CHECKPOINT_DIR").ifPresent(job::checkpointDirectory);
        ClickHouseTarget clickHouse = new ClickHouseTarget(
                read.text("CLICKHOUSE_URL", "jdbc:clickhouse://localhost:8123"),
                read.required("CLICKHOUSE_USER", "e.g. brook_writer"),
                read.required("CLICKHOUSE_PASSWORD", "from a Kubernetes secret"),
                read.text("CLICKHOUSE_DATABASE", "benchmark"),
                read.text("CLICKHOUSE_TABLE", "sensors_local"));
        JobSettings built = read.build("job settings", job::build);
        return new ClusterJobSettings(built, clickHouse, read.text("DEAD_LETTER_TOPIC", built.topic() + "-dead-letters"));
    }

    /** Turns variable values into settings, naming the variable when one is wrong. */
    private record Reader(Map<String, String> env) {

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        String required(String name, String hint) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set (" + hint + ")"));
        }

        Duration duration(String name, Duration fallback) {
            return parse(name, fallback, value -> {
                try {
                    return Duration.parse(value.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException notIso) {
                    return Duration.ofSeconds(Long.parseLong(value));
                }
            }, "an ISO-8601 duration such as PT60S, or whole seconds such as 60");
        }

        int integer(String name, int fallback) {
            return parse(name, fallback, Integer::parseInt, "a whole number");
        }

        <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
            return parse(name, fallback, value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT)),
                    "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }

        private <T> T parse(String name, T fallback, Function<String, T> parser, String accepted) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                return parser.apply(value.get());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + "='" + value.get() + "' is not " + accepted, e);
            }
        }

        <T> T build(String what, java.util.function.Supplier<T> builder) {
            try {
                return builder.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
            }
        }
    }
}
