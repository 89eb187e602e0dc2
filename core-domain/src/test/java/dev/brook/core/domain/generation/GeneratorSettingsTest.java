package dev.brook.core.domain.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorSettingsTest {

    private static final DomainProfile IOT = DomainProfiles.byName("iot");

    @Test
    void defaultsAreTheSpecs() {
        GeneratorSettings settings = GeneratorSettings.defaults(5, 1_000);
        assertThat(settings.sourceCount()).isEqualTo(10_000);
        assertThat(settings.profile().name()).isEqualTo("iot");
        assertThat(settings.eventTimeRate()).isEqualTo(50_000);
        assertThat(settings.maxDisorderMillis()).isZero();
    }

    @Test
    void badSettingsNameTheValueAndTheRule() {
        assertThatThrownBy(() -> new GeneratorSettings(1, 0, IOT, 0, 1, 0))
                .hasMessage("source count 0 must be within 1..10000000 (ids are source-0000000 … source-9999999)");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10_000_001, IOT, 0, 1, 0)).hasMessageContaining("10000001");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, null, 0, 1, 0))
                .hasMessageContaining("known: [iot, ecommerce, finance, gaming, logistics, social]");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, IOT, -1, 1, 0)).hasMessageContaining("start time -1");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, IOT, 0, 0, 0)).hasMessageContaining("event-time rate 0.0");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, IOT, 0, Double.NaN, 0)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, IOT, 0, Double.POSITIVE_INFINITY, 0)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> new GeneratorSettings(1, 10, IOT, 0, 1, -5)).hasMessageContaining("disorder -5 ms");
    }
}
