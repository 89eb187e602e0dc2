package dev.brook.adapters.flink.testing;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes records through and throws once, in one subtask, after at least one checkpoint has completed and
 * {@code recordsAfterCheckpoint} more records have passed: a failure in mid-stream with state to restore.
 * The flag is static so the restarted task does not fail again; {@link #reset()} re-arms it.
 *
 * <p>Until then, each record waits {@value #PACE_BEFORE_CHECKPOINT_MILLIS} ms while no checkpoint has completed: a
 * bounded source can otherwise pass its whole input before the first checkpoint completes (seen in CI: a million
 * events in about 2 s), and the failure would never come.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {

    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final long PACE_BEFORE_CHECKPOINT_MILLIS = 5;

    private final int recordsAfterCheckpoint;
    private transient boolean checkpointCompleted;
    private transient int recordsSinceCheckpoint;

    public FailOnceAfterCheckpoint(int recordsAfterCheckpoint) {
        this.recordsAfterCheckpoint = recordsAfterCheckpoint;
    }

    public static void reset() {
        FAILED.set(false);
    }

    public static boolean hasFailed() {
        return FAILED.get();
    }

    @Override
    public T map(T value) throws InterruptedException {
        if (!checkpointCompleted && !FAILED.get()) {
            // Checkpoint barriers and their completion reach this task between records.
            Thread.sleep(PACE_BEFORE_CHECKPOINT_MILLIS);
        } else if (++recordsSinceCheckpoint >= recordsAfterCheckpoint && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after a completed checkpoint (test)");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointCompleted = true;
    }
}
