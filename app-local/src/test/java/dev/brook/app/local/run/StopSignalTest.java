package dev.brook.app.local.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StopSignalTest {

    @Test
    void aStopRunsEveryActionOnceAndLateRegistrationsAtOnce() throws Exception {
        StopSignal signal = new StopSignal();
        AtomicInteger stops = new AtomicInteger();
        signal.onStop(stops::incrementAndGet);

        assertThat(signal.awaitStop(0, TimeUnit.MILLISECONDS)).isFalse();
        signal.requestStop();
        signal.requestStop();
        signal.onStop(stops::incrementAndGet);

        assertThat(stops).hasValue(2);
        assertThat(signal.stopRequested()).isTrue();
        assertThat(signal.hurryRequested()).isFalse();
        assertThat(signal.awaitStop(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void hurryingAlsoStops() {
        StopSignal signal = new StopSignal();
        AtomicInteger stops = new AtomicInteger();
        signal.onStop(stops::incrementAndGet);

        signal.requestHurry();

        assertThat(signal.stopRequested()).isTrue();
        assertThat(signal.hurryRequested()).isTrue();
        assertThat(stops).hasValue(1);
    }
}
