package dev.brook.app.local.status;

import java.util.OptionalLong;

/**
 * The pipeline's running totals at one instant, in events unless said otherwise.
 *
 * @param atMillis when they were read, epoch milliseconds
 * @param produced events the broker acknowledged
 * @param consumed events the job has read and decoded
 * @param aggregatesWritten window aggregates the job has stored
 * @param backlog events acknowledged by the broker but not yet read by the job
 * @param lastCheckpointAtMillis when the job last completed a checkpoint; empty before the first
 * @param late events that arrived after their window had closed (counted, set aside)
 * @param malformed messages that could not be decoded (counted, set aside)
 */
public record PipelineCounters(long atMillis, long produced, long consumed, long aggregatesWritten, long backlog,
                               OptionalLong lastCheckpointAtMillis, long late, long malformed) {

    public PipelineCounters {
        if (produced < 0 || consumed < 0 || aggregatesWritten < 0 || backlog < 0 || late < 0 || malformed < 0
                || lastCheckpointAtMillis == null) {
            throw new IllegalArgumentException("pipeline counters must be ≥ 0: " + produced + "/" + consumed + "/"
                    + aggregatesWritten + "/" + backlog + "/" + late + "/" + malformed);
        }
    }

    /** Everything zero, nothing checkpointed: the state before the pipeline starts. */
    public static PipelineCounters zero(long atMillis) {
        return new PipelineCounters(atMillis, 0, 0, 0, 0, OptionalLong.empty(), 0, 0);
    }
}
