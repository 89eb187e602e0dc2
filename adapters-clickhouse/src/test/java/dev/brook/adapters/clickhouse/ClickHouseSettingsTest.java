package dev.brook.adapters.clickhouse;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseSettingsTest {

    @Test
    void embeddedDefaultsAreTheSpecs() {
        ClickHouseSettings settings = ClickHouseSettings.embedded(Path.of("data"));

        assertThat(settings.database()).isEqualTo("benchmark");
        assertThat(settings.table()).isEqualTo("sensors_local");
        assertThat(settings.ttlDays()).isEqualTo(30);
        assertThat(settings.batchSize()).isEqualTo(1_000);
        assertThat(settings.batchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void aServerNeedsAUrlAUserAndAPassword() {
        assertThatThrownBy(() -> ClickHouseSettings.server("jdbc:clickhouse://ch:8123", "brook", ""))
                .hasMessageContaining("needs a password");
        assertThatThrownBy(() -> ClickHouseSettings.server("jdbc:clickhouse://ch:8123", " ", "secret"))
                .hasMessageContaining("needs a user");
        assertThatThrownBy(() -> ClickHouseSettings.server("http://ch:8123", "brook", "secret"))
                .hasMessageContaining("jdbc:clickhouse://");
        assertThat(ClickHouseSettings.server("jdbc:clickhouse://ch:8123", "brook", "secret").user()).isEqualTo("brook");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        assertThat(ClickHouseSettings.server("jdbc:clickhouse://ch:8123", "brook", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheFix() {
        ClickHouseSettings base = ClickHouseSettings.embedded(Path.of("data"));

        assertThatThrownBy(() -> base.withTtlDays(0)).hasMessageContaining("1..3650");
        assertThatThrownBy(() -> base.withBatching(0, Duration.ofSeconds(1))).hasMessageContaining("batch size");
        assertThatThrownBy(() -> base.withBatching(10, Duration.ZERO)).hasMessageContaining("batch interval");
        assertThatThrownBy(() -> base.withDatabase("bench-mark")).hasMessageContaining("plain identifier");
        assertThatThrownBy(() -> base.withTable("x; DROP TABLE y")).hasMessageContaining("plain identifier");
        assertThatThrownBy(() -> base.withCluster("c1")).hasMessageContaining("jdbc transport");
        assertThatThrownBy(() -> ClickHouseSettings.embedded(null)).hasMessageContaining("data directory");
    }
}
