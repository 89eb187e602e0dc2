package dev.brook.core.domain.port.out;

/**
 * Counters of a publisher, in events (not messages).
 *
 * @param published events handed to {@link EventPublisher#publish}
 * @param acknowledged events the broker has confirmed stored
 * @param failed events whose send failed for good
 */
public record PublisherStats(long published, long acknowledged, long failed) {

    public PublisherStats {
        if (published < 0 || acknowledged < 0 || failed < 0 || acknowledged + failed > published) {
            throw new IllegalArgumentException("publisher stats published=" + published + " acknowledged="
                    + acknowledged + " failed=" + failed + " are inconsistent");
        }
    }

    /** Events handed over but neither acknowledged nor failed yet. */
    public long inFlight() {
        return published - acknowledged - failed;
    }
}
