package dev.brook.core.domain.aggregation;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowsTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @Test
    void everyTimeFallsInExactlyOneWindowAlignedToTheEpoch() {
        TumblingWindows minutes = TumblingWindows.ofDefaultSize();
        assertThat(minutes.size()).isEqualTo(Duration.ofMinutes(1));
        assertThat(minutes.windowOf(T0)).isEqualTo(new TimeWindow(T0, T0 + 60_000));
        assertThat(minutes.windowOf(T0 + 59_999)).isEqualTo(new TimeWindow(T0, T0 + 60_000));
        assertThat(minutes.windowOf(T0 + 60_000)).isEqualTo(new TimeWindow(T0 + 60_000, T0 + 120_000));
        assertThat(minutes.windowOf(0)).isEqualTo(new TimeWindow(0, 60_000));
        TumblingWindows sevenMs = new TumblingWindows(Duration.ofMillis(7));
        for (long t = 0; t < 100; t++) {
            TimeWindow window = sevenMs.windowOf(t);
            assertThat(window.contains(t)).isTrue();
            assertThat(window.startMillis() % 7).isZero();
            assertThat(window.lengthMillis()).isEqualTo(7);
        }
    }

    @Test
    void windowSizeMustBeSensible() {
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-1),
                Duration.ofDays(1).plusMillis(1)}) {
            assertThatThrownBy(() -> new TumblingWindows(bad)).hasMessageContaining("between 1 ms and 1 day");
        }
        assertThat(new TumblingWindows(Duration.ofDays(1)).windowOf(T0 + 5).startMillis()).isEqualTo(T0);
    }

    @Test
    void aWindowIsHalfOpen() {
        TimeWindow window = new TimeWindow(1_000, 2_000);
        assertThat(window.contains(999)).isFalse();
        assertThat(window.contains(1_000)).isTrue();
        assertThat(window.contains(1_999)).isTrue();
        assertThat(window.contains(2_000)).isFalse();
        assertThat(window.maxTimestamp()).isEqualTo(1_999);
        assertThat(new TimeWindow(T0, T0 + 60_000)).hasToString("[2024-01-01T00:00:00Z, 2024-01-01T00:01:00Z)");
        assertThat(window).isLessThan(new TimeWindow(1_000, 3_000)).isLessThan(new TimeWindow(1_001, 1_002));
        assertThatThrownBy(() -> new TimeWindow(5, 5)).hasMessageContaining("end after it starts");
        assertThatThrownBy(() -> new TimeWindow(-60_000, 0)).hasMessageContaining("epoch 0");
    }
}
