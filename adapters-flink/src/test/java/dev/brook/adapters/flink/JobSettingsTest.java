package dev.brook.adapters.flink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSettingsTest {

    private static JobSettings.Builder valid() {
        return JobSettings.builder("pulsar://localhost:6650", "http://localhost:8080");
    }

    @Test
    void defaultsAreTheSpecs() {
        JobSettings settings = valid().build();
        assertThat(settings.topic()).isEqualTo("persistent://public/default/event-stream-data");
        assertThat(settings.subscription()).isEqualTo("flink-consumer");
        assertThat(settings.windowSize()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.startPosition()).isEqualTo(StartPosition.EARLIEST);
        assertThat(settings.sinkMaxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void refusesBadValuesNamingTheSettingAndAnExample() {
        assertThatThrownBy(() -> JobSettings.builder("http://localhost:6650", "http://localhost:8080").build())
                .hasMessageContaining("service URL 'http://localhost:6650' must start with pulsar://");
        assertThatThrownBy(() -> JobSettings.builder("pulsar://localhost:6650", "localhost:8080").build())
                .hasMessageContaining("admin URL 'localhost:8080' must start with http://");
        assertThatThrownBy(() -> valid().topic(" ").build()).hasMessageContaining("topic is required");
        assertThatThrownBy(() -> valid().subscription("").build()).hasMessageContaining("subscription is required");
        assertThatThrownBy(() -> valid().windowSize(Duration.ZERO).build()).hasMessageContaining("window size PT0S");
        assertThatThrownBy(() -> valid().maxOutOfOrderness(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("max out-of-orderness PT-1S must be a duration ≥ 0");
        assertThatThrownBy(() -> valid().idleTimeout(Duration.ZERO).build()).hasMessageContaining("idle timeout");
        assertThatThrownBy(() -> valid().checkpointInterval(Duration.ofMillis(5)).build())
                .hasMessageContaining("checkpoint interval PT0.005S must be at least 10 ms");
        assertThatThrownBy(() -> valid().parallelism(0).build()).hasMessageContaining("parallelism 0 must be within 1..1024");
        assertThatThrownBy(() -> valid().checkpointDirectory(" ").build()).hasMessageContaining("checkpoint directory");
        assertThatThrownBy(() -> valid().sinkMaxBatchSize(0).build()).hasMessageContaining("sink max batch size 0");
        assertThatThrownBy(() -> valid().sinkMaxBatchDelay(Duration.ZERO).build())
                .hasMessageContaining("sink max batch delay PT0S must be a positive duration (e.g. PT1S)");
        assertThatThrownBy(() -> valid().sinkMaxAttempts(0).build()).hasMessageContaining("sink max attempts 0");
        assertThatThrownBy(() -> valid().maxRestartAttempts(-1).build()).hasMessageContaining("max restart attempts -1");
        assertThatThrownBy(() -> valid().startPosition(null).build()).hasMessageContaining("EARLIEST or LATEST");
    }
}
