package dev.brook.core.domain.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeTimeSourceTest {

    @Test
    void standsStillUntilMoved() {
        FakeTimeSource time = new FakeTimeSource(1_000_000L, 500);
        assertThat(time.currentTimeMillis()).isEqualTo(1_000_000L);
        assertThat(time.nanoTime()).isEqualTo(500);
        assertThat(time.currentTimeMillis()).isEqualTo(1_000_000L);
    }

    @Test
    void sleepingAdvancesBothClocksByExactlyTheTimeSlept() throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource(1_000_000L, 0);
        time.sleepNanos(2_500_000); // 2.5 ms
        assertThat(time.nanoTime()).isEqualTo(2_500_000);
        assertThat(time.currentTimeMillis()).isEqualTo(1_000_002L);
        time.sleepNanos(500_000);
        assertThat(time.currentTimeMillis()).isEqualTo(1_000_003L);
        assertThat(time.sleptNanos()).isEqualTo(3_000_000);
        assertThat(time.sleepCount()).isEqualTo(2);
    }

    @Test
    void sleepingZeroOrLessCountsButDoesNotMoveTime() throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource();
        time.sleepNanos(0);
        time.sleepNanos(-5);
        assertThat(time.nanoTime()).isZero();
        assertThat(time.sleepCount()).isEqualTo(2);
        assertThat(time.currentTimeMillis()).isEqualTo(FakeTimeSource.DEFAULT_START_MILLIS);
    }

    @Test
    void settingWallTimeLeavesMonotonicTimeAlone() {
        FakeTimeSource time = new FakeTimeSource(5_000, 77);
        time.advance(Duration.ofMillis(10));
        time.setCurrentTimeMillis(100);
        assertThat(time.currentTimeMillis()).isEqualTo(100);
        assertThat(time.nanoTime()).isEqualTo(77 + 10_000_000);
        time.advanceMillis(3);
        assertThat(time.currentTimeMillis()).isEqualTo(103);
    }

    @Test
    void monotonicTimeMayStartAnywhereAndWrapsLikeTheJvmClock() {
        FakeTimeSource time = new FakeTimeSource(0, Long.MAX_VALUE - 10);
        time.advance(Duration.ofNanos(20));
        assertThat(time.nanoTime() - (Long.MAX_VALUE - 10)).isEqualTo(20);
        assertThat(time.currentTimeMillis()).isZero();
    }

    @Test
    void refusesToGoBackwardsAndHonoursInterrupts() {
        FakeTimeSource time = new FakeTimeSource();
        assertThatThrownBy(() -> time.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forward");
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> time.sleepNanos(1)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(time.nanoTime()).isZero();
    }
}
