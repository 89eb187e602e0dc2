package dev.brook.core.domain.aggregation;

/**
 * What a window keeps of one metric. The average is {@code sum / eventCount} of the window.
 */
public record MetricStats(double min, double max, double sum) {

    public MetricStats {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(sum) || min > max) {
            throw new IllegalArgumentException("metric stats min=" + min + " max=" + max + " sum=" + sum
                    + " must be finite with min ≤ max");
        }
    }

    public double average(long eventCount) {
        return sum / eventCount;
    }
}
