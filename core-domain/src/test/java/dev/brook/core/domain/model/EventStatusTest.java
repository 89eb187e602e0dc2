package dev.brook.core.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStatusTest {

    @Test
    void codesAreTheSpecs() {
        assertThat(EventStatus.ONLINE.code()).isEqualTo(1);
        assertThat(EventStatus.ERROR.code()).isEqualTo(4);
        for (EventStatus status : EventStatus.values()) {
            assertThat(EventStatus.ofCode(status.code())).isSameAs(status);
        }
    }

    @Test
    void anUnknownCodeSaysWhichAreKnown() {
        assertThatThrownBy(() -> EventStatus.ofCode(0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("status = 0 must be 1 (online), 2 (offline), 3 (maintenance) or 4 (error)");
    }
}
