package dev.brook.core.domain.port.out.query;

/**
 * Totals of one group (a site or a customer) in one time bucket.
 *
 * @param bucketStartMillis start of the bucket, epoch milliseconds
 * @param key the site id or customer id
 */
public record Rollup(long bucketStartMillis, String key, long eventCount, long sourceCount, long errorEventCount) {

    public Rollup {
        if (key == null || eventCount < 0 || sourceCount < 0 || errorEventCount < 0 || errorEventCount > eventCount) {
            throw new IllegalArgumentException("rollup " + key + " at " + bucketStartMillis + " events=" + eventCount
                    + " sources=" + sourceCount + " errors=" + errorEventCount + " is invalid");
        }
    }
}
