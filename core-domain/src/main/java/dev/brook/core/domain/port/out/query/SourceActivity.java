package dev.brook.core.domain.port.out.query;

import dev.brook.core.domain.model.SourceId;

/** How active a source was over a range: events and the windows they fell in. */
public record SourceActivity(SourceId sourceId, long eventCount, long windowCount) {

    public SourceActivity {
        if (sourceId == null || eventCount < 0 || windowCount < 0) {
            throw new IllegalArgumentException("source activity " + sourceId + " events=" + eventCount
                    + " windows=" + windowCount + " is invalid");
        }
    }
}
