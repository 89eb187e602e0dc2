package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.EventStatus;

/** How many events of a window reported each status. */
public record StatusCounts(long online, long offline, long maintenance, long error) {

    public StatusCounts {
        if (online < 0 || offline < 0 || maintenance < 0 || error < 0) {
            throw new IllegalArgumentException("status counts must be ≥ 0: online=" + online + " offline=" + offline
                    + " maintenance=" + maintenance + " error=" + error);
        }
    }

    public long of(EventStatus status) {
        return switch (status) {
            case ONLINE -> online;
            case OFFLINE -> offline;
            case MAINTENANCE -> maintenance;
            case ERROR -> error;
        };
    }

    public long total() {
        return online + offline + maintenance + error;
    }
}
