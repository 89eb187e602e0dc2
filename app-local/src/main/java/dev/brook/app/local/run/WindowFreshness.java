package dev.brook.app.local.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How soon after the last event of a window was produced the job had stored the window: the sink's lag of each
 * batch behind the end of its newest window (event time against the clock), less how far this run's event time ran
 * behind the clock when producing began. The generator stamps event {@code i} with the start time plus
 * {@code i / rate} and publishes it that long after it began producing, or later if it falls short of the rate: then
 * the figure errs high, never low. At {@code --rate max} event time does not follow the clock at all.
 *
 * @param p50Millis the median over the batches
 * @param maxMillis the slowest batch: a window's last rows
 * @param batches   how many batches it covers
 */
record WindowFreshness(long p50Millis, long maxMillis, int batches) {

    WindowFreshness {
        if (batches < 1 || p50Millis < 0 || maxMillis < p50Millis) {
            throw new IllegalArgumentException("freshness needs at least one batch and 0 ≤ p50 ≤ max: " + p50Millis
                    + ", " + maxMillis + ", " + batches);
        }
    }

    /**
     * From the sink's lags ({@code windowStoredLagMillis}). A batch stored before the last event of its window was
     * produced holds a window the final drain closed early, whose end is still ahead of the clock: left out.
     */
    static Optional<WindowFreshness> of(List<Long> storedLagsMillis, long eventTimeBehindClockMillis) {
        List<Long> afterProduction = new ArrayList<>();
        for (long lag : storedLagsMillis) {
            long afterLastEvent = lag - eventTimeBehindClockMillis;
            if (afterLastEvent >= 0) {
                afterProduction.add(afterLastEvent);
            }
        }
        if (afterProduction.isEmpty()) {
            return Optional.empty();
        }
        afterProduction.sort(null);
        int n = afterProduction.size();
        return Optional.of(new WindowFreshness(afterProduction.get((n - 1) / 2), afterProduction.get(n - 1), n));
    }

    String describe(Duration maxOutOfOrderness) {
        return String.format(Locale.ROOT, "windows stored %.1f s (p50), %.1f s (max) after their last event was produced"
                        + " (%,d sink batches; the watermark waits %s of it for out-of-order events)", p50Millis / 1000.0,
                maxMillis / 1000.0, batches, maxOutOfOrderness.toString().substring(2).toLowerCase(Locale.ROOT));
    }
}
