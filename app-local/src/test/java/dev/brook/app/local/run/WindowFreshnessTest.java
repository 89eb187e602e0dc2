package dev.brook.app.local.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowFreshnessTest {

    @Test
    void eachBatchsLagLessHowFarEventTimeRanBehindTheClock() {
        // Event time ran 3 s behind the clock: a batch 9.5 s after its window's end came 6.5 s after its last event.
        WindowFreshness freshness = WindowFreshness.of(List.of(9_500L, 8_200L, 11_000L), 3_000).orElseThrow();

        assertThat(freshness).isEqualTo(new WindowFreshness(6_500, 8_000, 3));
        assertThat(freshness.describe(Duration.ofSeconds(5))).isEqualTo("windows stored 6.5 s (p50), 8.0 s (max) after"
                + " their last event was produced (3 sink batches; the watermark waits 5s of it for out-of-order events)");
    }

    @Test
    void aWindowTheFinalDrainClosedBeforeItsLastEventWasProducedIsLeftOut() {
        assertThat(WindowFreshness.of(List.of(6_000L, -40_000L, 2_000L), 3_000)).hasValue(new WindowFreshness(3_000, 3_000, 1));
        assertThat(WindowFreshness.of(List.of(-1L), 0)).isEmpty();
        assertThat(WindowFreshness.of(List.of(), 0)).isEmpty();
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddle() {
        assertThat(WindowFreshness.of(List.of(4_000L, 1_000L, 3_000L, 2_000L), 0)).hasValue(new WindowFreshness(2_000, 4_000, 4));
    }

    @Test
    void refusesWhatNoBatchesCouldGive() {
        assertThatThrownBy(() -> new WindowFreshness(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one batch");
        assertThatThrownBy(() -> new WindowFreshness(5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
