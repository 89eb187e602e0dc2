package dev.brook.core.domain.produce;

import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.ratelimit.TokenBucketRateLimiter;
import dev.brook.core.domain.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProduceSettingsTest {

    @Test
    void parsesRatesAsNumbersOrMax() {
        assertThat(ProduceRate.parse("max")).isEqualTo(ProduceRate.MAX);
        assertThat(ProduceRate.parse(" MAX ").isMax()).isTrue();
        assertThat(ProduceRate.parse("1000").eventsPerSecond()).isEqualTo(1_000);
        assertThat(ProduceRate.parse("50_000").eventsPerSecond()).isEqualTo(50_000);
        assertThat(ProduceRate.parse("2.5e4").eventsPerSecond()).isEqualTo(25_000);
        assertThat(ProduceRate.parse("1000")).hasToString("1,000/s");
        assertThat(ProduceRate.MAX).hasToString("max");
    }

    @Test
    void refusesRatesThatAreNotPositiveNumbers() {
        assertThatThrownBy(() -> ProduceRate.parse("fast"))
                .hasMessage("rate 'fast' is neither a number of events per second nor 'max'");
        assertThatThrownBy(() -> ProduceRate.parse("-5"))
                .hasMessageContaining("rate -5.0 must be a number of events per second above 0");
        assertThatThrownBy(() -> ProduceRate.parse("0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> ProduceRate.parse("1e400")).hasMessageContaining("must be a finite number");
        assertThatThrownBy(() -> ProduceRate.parse(null)).hasMessageContaining("rate 'null' is neither");
    }

    @Test
    void theRateSetsTheLimiterAndTheEventTimePace() {
        FakeTimeSource time = new FakeTimeSource();
        TokenBucketRateLimiter limiter = ProduceRate.perSecond(200).limiter(time);
        assertThat(limiter.permitsPerSecond()).isEqualTo(200);
        assertThat(ProduceRate.MAX.limiter(time).isUnlimited()).isTrue();
        assertThat(ProduceRate.perSecond(200).eventTimeRate()).isEqualTo(200);
        assertThat(ProduceRate.MAX.eventTimeRate()).isEqualTo(GeneratorSettings.DEFAULT_EVENT_TIME_RATE);

        ProduceSettings live = ProduceSettings.live(1, 50, DomainProfiles.byName("gaming"), 1_000L,
                ProduceRate.perSecond(200), ProduceLimit.untilStopped());
        assertThat(live.generator().eventTimeRate()).isEqualTo(200);
        assertThat(live.generator().startTimeMillis()).isEqualTo(1_000L);
        assertThat(live.generator().sourceCount()).isEqualTo(50);
    }

    @Test
    void limitsAndSettingsRefuseNonsenseNamingTheFix() {
        assertThatThrownBy(() -> ProduceLimit.count(0)).hasMessage("event count 0 must be ≥ 1 (leave it out to run until stopped)");
        assertThatThrownBy(() -> ProduceLimit.elapsed(Duration.ZERO)).hasMessageContaining("duration PT0S must be > 0");
        GeneratorSettings generator = GeneratorSettings.defaults(1, 0);
        assertThatThrownBy(() -> new ProduceSettings(generator, null, ProduceLimit.untilStopped()))
                .hasMessageContaining("a rate is required");
        assertThatThrownBy(() -> new ProduceSettings(generator, ProduceRate.MAX, null))
                .hasMessageContaining("a limit is required");
        assertThatThrownBy(() -> new ProduceSettings(null, ProduceRate.MAX, ProduceLimit.untilStopped()))
                .hasMessageContaining("generator settings are required");
    }
}
