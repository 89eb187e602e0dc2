package dev.brook.core.domain.ratelimit;

import dev.brook.core.domain.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** All on a fake clock that advances only when the limiter sleeps: no test here waits for real. */
class TokenBucketRateLimiterTest {

    private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();
    private static final long TWO_SECONDS = Duration.ofSeconds(2).toNanos();

    /** Permits granted in the first {@code nanos} of fake time when a caller asks as fast as it can. */
    private static long permitsIn(long nanos, TokenBucketRateLimiter limiter, FakeTimeSource time) throws InterruptedException {
        long start = time.nanoTime();
        long granted = 0;
        while (true) {
            limiter.acquire();
            if (time.nanoTime() - start >= nanos) {
                return granted;
            }
            granted++;
        }
    }

    @ParameterizedTest(name = "{0} per second")
    @ValueSource(doubles = {1, 7.5, 1_000, 50_000, 1_000_000})
    void holdsTheRateWithinTwoPercentOverTenSeconds(double rate) throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource();
        long granted = permitsIn(TEN_SECONDS, TokenBucketRateLimiter.perSecond(rate, time), time);
        assertThat((double) granted).as("permits in 10 s at %s/s", rate).isCloseTo(rate * 10, within(rate * 10 * 0.02));
    }

    @ParameterizedTest(name = "nanoTime starting at {0}")
    @ValueSource(longs = {Long.MAX_VALUE / 2, Long.MAX_VALUE - 5_000_000_000L, Long.MIN_VALUE + 1, -123_456_789})
    void holdsTheRateWhereverTheMonotonicClockStarts(long startNanos) throws InterruptedException {
        // System.nanoTime has no fixed origin: it may be huge, negative, or wrap during a run.
        for (double rate : new double[] {1_000, 1_000_000}) {
            FakeTimeSource time = new FakeTimeSource(FakeTimeSource.DEFAULT_START_MILLIS, startNanos);
            long granted = permitsIn(TWO_SECONDS, TokenBucketRateLimiter.perSecond(rate, time), time);
            assertThat((double) granted).as("permits in 2 s at %s/s", rate).isCloseTo(rate * 2, within(rate * 2 * 0.02));
        }
    }

    @Test
    void pacesSmoothlyWithSleepsLongEnoughToBeHonoured() throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource();
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.perSecond(50_000, time);
        long lastCheck = time.nanoTime();
        long grantedSinceCheck = 0;
        long burst = 500; // perSecond keeps 10 ms of permits: they go at once at the start
        for (int i = 0; i < 500_000; i++) {
            limiter.acquire();
            grantedSinceCheck++;
            if (time.nanoTime() - lastCheck >= 100_000_000L) { // every 100 ms of fake time
                // 5,000 per slice, give or take the 50 granted between two 1 ms sleeps.
                assertThat(grantedSinceCheck).as("permits in one 100 ms slice").isBetween(4_950L, 5_050L + burst);
                burst = 0;
                lastCheck = time.nanoTime();
                grantedSinceCheck = 0;
            }
        }
        // One sleep per millisecond at most: a sleep per event (20 µs) is what real clocks round to nothing.
        assertThat(time.sleepCount()).isBetween(9_000L, 10_001L);
        assertThat(time.sleptNanos() / (double) time.sleepCount()).isGreaterThanOrEqualTo(TokenBucketRateLimiter.MIN_SLEEP_NANOS);
    }

    @Test
    void afterAnIdleSpellOnlyTheBurstGoesThroughAtOnce() throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource();
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, 10, time);
        for (int i = 0; i < 100; i++) {
            limiter.acquire(); // steady state
        }
        time.advance(Duration.ofSeconds(5)); // idle: 5,000 permits' worth of time, but the bucket holds 10
        long idleEnd = time.nanoTime();
        int withoutWaiting = 0;
        while (true) {
            limiter.acquire();
            if (time.nanoTime() != idleEnd) {
                break;
            }
            withoutWaiting++;
        }
        // The bucket holds 10 permits: those go at once, the 11th waits its 1 ms.
        assertThat(withoutWaiting).isEqualTo(10);
        long granted = withoutWaiting + 1;
        while (time.nanoTime() - idleEnd < 1_000_000_000L) {
            limiter.acquire();
            granted++;
        }
        assertThat(granted).as("permits in the first second after idling").isBetween(1_000L, 1_012L);
    }

    @Test
    void aBatchOfPermitsCostsItsSize() throws InterruptedException {
        FakeTimeSource time = new FakeTimeSource();
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(100, 1, time);
        limiter.acquire(); // uses the initial burst
        limiter.acquire(50);
        assertThat(time.nanoTime()).isEqualTo(500_000_000L);
        limiter.acquire(100);
        assertThat(time.nanoTime()).isEqualTo(1_500_000_000L);
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        TokenBucketRateLimiter unlimited = TokenBucketRateLimiter.unlimited();
        assertThat(unlimited.isUnlimited()).isTrue();
        assertThat(unlimited.permitsPerSecond()).isInfinite();
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            unlimited.acquire(1_000);
        }
        // It has no clock to sleep on; a million calls are just a loop.
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(TokenBucketRateLimiter.perSecond(5, new FakeTimeSource()).isUnlimited()).isFalse();
    }

    @Test
    void badArgumentsAreExplained() {
        FakeTimeSource time = new FakeTimeSource();
        assertThatThrownBy(() -> TokenBucketRateLimiter.perSecond(0, time))
                .hasMessage("rate 0.0 must be a positive number of events per second (use unlimited() for no limit)");
        assertThatThrownBy(() -> TokenBucketRateLimiter.perSecond(Double.NaN, time)).hasMessageContaining("rate NaN");
        assertThatThrownBy(() -> TokenBucketRateLimiter.perSecond(Double.POSITIVE_INFINITY, time)).hasMessageContaining("unlimited()");
        assertThatThrownBy(() -> new TokenBucketRateLimiter(10, 0, time)).hasMessage("burst 0 must be ≥ 1");
        assertThatThrownBy(() -> TokenBucketRateLimiter.perSecond(10, time).acquire(0)).hasMessage("permits 0 must be ≥ 1");
        assertThatThrownBy(() -> TokenBucketRateLimiter.unlimited().acquire(-1)).hasMessage("permits -1 must be ≥ 1");
    }
}
