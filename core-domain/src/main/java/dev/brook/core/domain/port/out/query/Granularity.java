package dev.brook.core.domain.port.out.query;

/** Size of the time buckets of a rollup. */
public enum Granularity {
    MINUTE(60_000L), HOUR(3_600_000L);

    private final long millis;

    Granularity(long millis) {
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }

    public long bucketStart(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, millis);
    }
}
