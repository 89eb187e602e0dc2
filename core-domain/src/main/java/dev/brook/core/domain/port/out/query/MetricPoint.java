package dev.brook.core.domain.port.out.query;

/** One window of one metric of one source. */
public record MetricPoint(long windowStartMillis, double min, double average, double max, long eventCount) {

    public MetricPoint {
        if (eventCount < 1 || !(min <= average + 1e-9 * Math.abs(average) + 1e-9)
                || !(average <= max + 1e-9 * Math.abs(max) + 1e-9)) {
            throw new IllegalArgumentException("metric point at " + windowStartMillis + " min=" + min + " avg="
                    + average + " max=" + max + " events=" + eventCount + " is inconsistent");
        }
    }
}
