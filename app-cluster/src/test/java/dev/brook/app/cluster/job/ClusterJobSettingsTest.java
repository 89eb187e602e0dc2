package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.StartPosition;
import dev.brook.adapters.flink.StateBackendKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterJobSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CLICKHOUSE_USER", "brook_writer");
        env.put("CLICKHOUSE_PASSWORD", "s3cret");
        return env;
    }

    @Test
    void unsetVariablesTakeTheSpecsDefaultsAndTheClusterBackend() {
        ClusterJobSettings settings = ClusterJobSettings.fromEnvironment(minimal());

        assertThat(settings.job().topic()).isEqualTo("persistent://public/default/event-stream-data");
        assertThat(settings.job().subscription()).isEqualTo("flink-consumer");
        assertThat(settings.job().windowSize()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.job().checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.job().stateBackend()).isEqualTo(StateBackendKind.ROCKSDB);
        assertThat(settings.job().sinkMaxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.deadLetterTopic()).isEqualTo("persistent://public/default/event-stream-data-dead-letters");
        assertThat(settings.clickHouse().settings().database()).isEqualTo("benchmark");
        assertThat(settings.clickHouse().toString()).doesNotContain("s3cret");
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = minimal();
        env.putAll(Map.of("PULSAR_URL", "pulsar://pulsar-broker:6650", "PULSAR_ADMIN_URL", "http://pulsar-broker:8080",
                "PULSAR_TOPIC", "persistent://public/default/t", "PULSAR_SUBSCRIPTION", "s",
                "WINDOW_SIZE", "PT30S", "MAX_OUT_OF_ORDERNESS", "10", "ALLOWED_LATENESS", "pt5s",
                "CHECKPOINT_INTERVAL", "PT2M", "PARALLELISM", "4", "START_POSITION", "latest"));
        env.put("CHECKPOINT_DIR", "s3://brook/checkpoints");
        env.put("SINK_MAX_BATCH_DELAY", "PT0.5S");
        env.put("CLICKHOUSE_URL", "jdbc:clickhouse://clickhouse:8123");

        ClusterJobSettings settings = ClusterJobSettings.fromEnvironment(env);

        assertThat(settings.job().serviceUrl()).isEqualTo("pulsar://pulsar-broker:6650");
        assertThat(settings.job().windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.job().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.job().allowedLateness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.job().checkpointInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.job().parallelism()).isEqualTo(4);
        assertThat(settings.job().sinkMaxBatchDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.deadLetterTopic()).as("follows the event topic").isEqualTo("persistent://public/default/t-dead-letters");
        assertThat(settings.job().startPosition()).isEqualTo(StartPosition.LATEST);
        assertThat(settings.job().checkpointDirectory()).isEqualTo(Optional.of("s3://brook/checkpoints"));
        assertThat(settings.clickHouse().jdbcUrl()).isEqualTo("jdbc:clickhouse://clickhouse:8123");
    }

    @Test
    void aBadValueNamesTheVariableAndWhatIsAccepted() {
        Map<String, String> env = minimal();
        env.put("WINDOW_SIZE", "one minute");
        assertThatThrownBy(() -> ClusterJobSettings.fromEnvironment(env))
                .hasMessageContaining("WINDOW_SIZE='one minute' is not an ISO-8601 duration such as PT60S");

        env.remove("WINDOW_SIZE");
        env.put("STATE_BACKEND", "memory");
        assertThatThrownBy(() -> ClusterJobSettings.fromEnvironment(env))
                .hasMessageContaining("STATE_BACKEND='memory' is not one of [hashmap, rocksdb]");

        env.remove("STATE_BACKEND");
        env.put("PARALLELISM", "0");
        assertThatThrownBy(() -> ClusterJobSettings.fromEnvironment(env))
                .hasMessageContaining("invalid job settings: parallelism 0 must be within 1..1024");

        env.remove("PARALLELISM");
        env.put("DEAD_LETTER_TOPIC", "persistent://public/default/event-stream-data");
        assertThatThrownBy(() -> ClusterJobSettings.fromEnvironment(env))
                .hasMessageContaining("DEAD_LETTER_TOPIC 'persistent://public/default/event-stream-data' must be a topic other than the event topic");

        Map<String, String> noPassword = minimal();
        noPassword.remove("CLICKHOUSE_PASSWORD");
        assertThatThrownBy(() -> ClusterJobSettings.fromEnvironment(noPassword))
                .hasMessageContaining("CLICKHOUSE_PASSWORD is not set");
    }
}
