package dev.brook.app.local.status;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * What the pipeline looks like now and over the last minutes: fed once a second by {@link #record},
 * read by the status line and the dashboard. Thread-safe.
 */
public final class StatusBoard {

    private final int historyLength;
    private final ArrayDeque<ThroughputSample> history;
    private PipelineCounters latest;
    private ThroughputSample latestRates;

    /** @param historyLength how many samples the chart keeps (one per second) */
    public StatusBoard(int historyLength, long startMillis) {
        if (historyLength < 2) {
            throw new IllegalArgumentException("history length " + historyLength + " must be ≥ 2");
        }
        this.historyLength = historyLength;
        this.history = new ArrayDeque<>(historyLength);
        this.latest = PipelineCounters.zero(startMillis);
        this.latestRates = new ThroughputSample(startMillis, 0, 0);
    }

    /** Takes a new reading; returns the status line for it. */
    public synchronized String record(PipelineCounters counters) {
        latestRates = ThroughputSample.between(latest, counters);
        latest = counters;
        if (history.size() == historyLength) {
            history.removeFirst();
        }
        history.addLast(latestRates);
        return statusLine(counters, latestRates);
    }

    public synchronized PipelineCounters latest() {
        return latest;
    }

    public synchronized ThroughputSample latestRates() {
        return latestRates;
    }

    /** The samples kept, oldest first. */
    public synchronized List<ThroughputSample> history() {
        return List.copyOf(history);
    }

    /** The terminal's one-line view of a reading. */
    public static String statusLine(PipelineCounters counters, ThroughputSample rates) {
        String checkpoint = counters.lastCheckpointAtMillis().isPresent()
                ? seconds(counters.atMillis() - counters.lastCheckpointAtMillis().getAsLong()) + " ago"
                : "none yet";
        return String.format(Locale.ROOT,
                "produced %,9.0f/s | consumed %,9.0f/s | aggregates written %,d | backlog %,d | last checkpoint %s | late %,d | malformed %,d",
                rates.producedPerSecond(), rates.consumedPerSecond(), counters.aggregatesWritten(), counters.backlog(),
                checkpoint, counters.late(), counters.malformed());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, millis) / 1000.0);
    }
}
