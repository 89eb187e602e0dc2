package dev.brook.core.domain.port.out.query;

/** Events and error-status events in one time bucket. */
public record ErrorRatePoint(long bucketStartMillis, long eventCount, long errorEventCount) {

    public ErrorRatePoint {
        if (eventCount < 0 || errorEventCount < 0 || errorEventCount > eventCount) {
            throw new IllegalArgumentException("error rate point at " + bucketStartMillis + " events=" + eventCount
                    + " errors=" + errorEventCount + " is inconsistent");
        }
    }

    public double rate() {
        return eventCount == 0 ? 0 : (double) errorEventCount / eventCount;
    }
}
