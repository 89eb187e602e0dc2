package dev.brook.adapters.pulsar;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PulsarPublisherSettingsTest {

    @Test
    void defaultsUseTheSpecTopicAndSmallEnvelopes() {
        PulsarPublisherSettings defaults = PulsarPublisherSettings.defaults();
        assertThat(defaults.topic()).isEqualTo("persistent://public/default/event-stream-data");
        assertThat(defaults.maxEventsPerEnvelope()).isEqualTo(500);
        assertThat(defaults.maxEnvelopeDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(defaults.withEnvelope(2_000, Duration.ofMillis(5)).maxEventsPerEnvelope()).isEqualTo(2_000);
    }

    @Test
    void refusesValuesThatCannotWork() {
        PulsarPublisherSettings d = PulsarPublisherSettings.defaults();
        assertThatThrownBy(() -> d.withTopic(""))
                .hasMessageContaining("topic is missing");
        assertThatThrownBy(() -> d.withEnvelope(0, Duration.ofMillis(10)))
                .hasMessageContaining("max events per envelope 0 must be within 1..10000");
        assertThatThrownBy(() -> d.withEnvelope(10, Duration.ZERO))
                .hasMessageContaining("max envelope delay PT0S must be > 0");
        assertThatThrownBy(() -> new PulsarPublisherSettings("t", 500, Duration.ofMillis(10), 100, Duration.ZERO,
                Duration.ofSeconds(1), PulsarPublisherSettings.Compression.LZ4)).hasMessageContaining("max events in flight 100 must be at least max events per envelope (500)");
        assertThatThrownBy(() -> d.withOperationTimeout(Duration.ZERO)).hasMessageContaining("operation timeout PT0S must be > 0");
        assertThatThrownBy(() -> d.withOperationTimeout(Duration.ofHours(600)))
                .hasMessageContaining("operation timeout PT600H must be within 1 ms and 1 day");
        assertThatThrownBy(() -> d.withOperationTimeout(Duration.ofNanos(500_000)))
                .hasMessageContaining("operation timeout PT0.0005S must be within 1 ms and 1 day");
        assertThatThrownBy(() -> new PulsarPublisherSettings(d.topic(), 500, Duration.ofMillis(10), 50_000, Duration.ofNanos(1),
                Duration.ofSeconds(15), PulsarPublisherSettings.Compression.LZ4)).hasMessageContaining("send timeout PT0.000000001S");
        assertThat(new PulsarPublisherSettings(d.topic(), 500, Duration.ofMillis(10), 50_000, Duration.ZERO,
                Duration.ofDays(1), PulsarPublisherSettings.Compression.LZ4).sendTimeout()).as("0 = no send timeout").isZero();
        assertThatThrownBy(() -> d.withCompression(null)).hasMessageContaining("compression is missing: LZ4 or NONE");
    }
}
