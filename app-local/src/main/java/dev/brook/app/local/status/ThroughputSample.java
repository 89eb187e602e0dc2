package dev.brook.app.local.status;

/**
 * Rates over the interval that ends at {@code atMillis}, from two readings of the counters.
 *
 * @param atMillis end of the interval, epoch milliseconds
 * @param producedPerSecond events acknowledged by the broker per second
 * @param consumedPerSecond events read by the job per second
 */
public record ThroughputSample(long atMillis, double producedPerSecond, double consumedPerSecond) {

    public static ThroughputSample between(PipelineCounters earlier, PipelineCounters later) {
        double seconds = Math.max(1, later.atMillis() - earlier.atMillis()) / 1000.0;
        return new ThroughputSample(later.atMillis(),
                Math.max(0, later.produced() - earlier.produced()) / seconds,
                Math.max(0, later.consumed() - earlier.consumed()) / seconds);
    }
}
