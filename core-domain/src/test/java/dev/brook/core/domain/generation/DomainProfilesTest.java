package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainProfilesTest {

    @Test
    void theSixDomainsOfTheSpecAreThereByName() {
        assertThat(DomainProfiles.names()).containsExactly("iot", "ecommerce", "finance", "gaming", "logistics", "social");
        assertThat(DomainProfiles.all()).extracting(DomainProfile::name).isEqualTo(DomainProfiles.names());
        assertThat(DomainProfiles.byName(DomainProfiles.DEFAULT).name()).isEqualTo("iot");
        assertThat(DomainProfiles.byName(" Finance ").name()).isEqualTo("finance");
        for (DomainProfile profile : DomainProfiles.all()) {
            assertThat(profile.eventTypes()).hasSize(20).doesNotHaveDuplicates();
            assertThat(profile.description()).isNotBlank();
        }
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> DomainProfiles.byName("healthcare"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown domain profile 'healthcare'; known profiles: iot, ecommerce, finance, gaming, logistics, social");
        assertThatThrownBy(() -> DomainProfiles.byName(null)).hasMessageContaining("known profiles: iot");
    }

    @Test
    void aProfileMustBeComplete() {
        DomainProfile iot = DomainProfiles.byName("iot");
        Map<Metric, ValueRange> ranges = new EnumMap<>(iot.ranges());
        assertThatThrownBy(() -> new DomainProfile("x", "d", iot.eventTypes().subList(0, 19), ranges, iot.statusWeights(), 0))
                .hasMessage("domain profile 'x' must list 20 distinct event types, has 19");
        ranges.remove(Metric.CPU_USAGE);
        assertThatThrownBy(() -> new DomainProfile("x", "d", iot.eventTypes(), ranges, iot.statusWeights(), 0))
                .hasMessageContaining("a range for every metric");
        assertThatThrownBy(() -> new DomainProfile("x", "d", iot.eventTypes(), iot.ranges(), List.of(0.0, 0.0, 0.0, 0.0), 0))
                .hasMessageContaining("not all zero");
        assertThatThrownBy(() -> new DomainProfile("x", "d", iot.eventTypes(), iot.ranges(), List.of(1.0, -1.0, 0.0, 0.0), 0))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new DomainProfile("x", "d", iot.eventTypes(), iot.ranges(), iot.statusWeights(), 1.5))
                .hasMessageContaining("motion probability 1.5");
        assertThatThrownBy(() -> new ValueRange(2, 1)).hasMessageContaining("min ≤ max");
        assertThatThrownBy(() -> new ValueRange(0, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }
}
