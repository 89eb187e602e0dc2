package dev.brook.app.local.settings;

import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.produce.ProduceLimit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Everything {@code run} was asked to do, validated before anything starts.
 *
 * @param stream what the producer generates and how fast
 * @param startTimeMillis event time of the first event; empty: now, or later if the data dir holds a
 *                        previous run whose events reach further (a second run continues after the first)
 * @param limit when to stop by itself
 * @param windows the tumbling windows the job aggregates into
 * @param dataDir where the broker, the store and the job's checkpoints keep their files
 * @param infra embedded (default), Testcontainers or external servers
 * @param dashboardPort port of the web dashboard on localhost; 0 picks a free one
 * @param checkpointInterval how often the job checkpoints (and so commits its output)
 * @param maxOutOfOrderness how far behind the newest event time an event may arrive and still count
 */
public record RunSettings(EventStreamSettings stream, OptionalLong startTimeMillis, ProduceLimit limit,
                          TumblingWindows windows, Path dataDir, InfraSettings infra, int dashboardPort,
                          Duration checkpointInterval, Duration maxOutOfOrderness) {

    public static final Path DEFAULT_DATA_DIR = Path.of("brook-data");

    public RunSettings {
        if (stream == null || startTimeMillis == null || limit == null || windows == null || dataDir == null
                || infra == null || checkpointInterval == null || maxOutOfOrderness == null) {
            throw new IllegalArgumentException("run settings are incomplete");
        }
        startTimeMillis.ifPresent(start -> {
            if (start < 0) {
                throw new IllegalArgumentException("--start-time " + start + " must be at or after 1970-01-01T00:00:00Z");
            }
        });
        if (dashboardPort < 0 || dashboardPort > 65_535) {
            throw new IllegalArgumentException("--dashboard-port " + dashboardPort + " must be within 0..65535 (0: any free port)");
        }
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("--checkpoint-interval " + checkpointInterval + " must be at least 100ms");
        }
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("--max-out-of-orderness " + maxOutOfOrderness + " must not be negative");
        }
        if (maxOutOfOrderness.toMillis() < stream.maxDisorderMillis()) {
            throw new IllegalArgumentException("--max-out-of-orderness " + maxOutOfOrderness.toMillis() + "ms is below --disorder-ms "
                    + stream.maxDisorderMillis() + ": every disordered event would risk being late; raise it to at least "
                    + stream.maxDisorderMillis() + "ms");
        }
    }
}
