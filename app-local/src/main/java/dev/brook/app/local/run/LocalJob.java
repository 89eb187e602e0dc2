package dev.brook.app.local.run;

import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.PulsarSources;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The window aggregation job on a Flink MiniCluster in this JVM: the same job class as on a cluster,
 * submitted to a local environment. Resumes from a savepoint when the data dir has one; stops with one.
 */
public final class LocalJob {

    private final JobClient client;
    private final CompletableFuture<?> result;

    private LocalJob(JobClient client) {
        this.client = client;
        this.result = client.getJobExecutionResult();
    }

    /**
     * Submits the job reading the topic without end.
     *
     * @param resumeFrom a savepoint of an earlier run: its read positions and open windows carry on
     */
    public static LocalJob start(WindowAggregationJob job, Optional<String> resumeFrom) throws Exception {
        Configuration config = new Configuration();
        JobMetricsReporter.configureFor(config, 200);
        // Kept when the process dies: the next run resumes from the latest one (see latestCheckpoint).
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        resumeFrom.ifPresent(savepoint -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint));
        JobMetrics.LOCAL.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(job.settings().parallelism(), config);
        job.configure(env);
        job.build(env, PulsarSources.unbounded(job.settings()));
        return new LocalJob(env.executeAsync("brook-window-aggregation"));
    }

    public JobStatus status() throws Exception {
        return client.getJobStatus().get(10, TimeUnit.SECONDS);
    }

    /** Present once the job has ended by itself: failed for good (its restarts used up) or finished. */
    public Optional<Throwable> failure() {
        if (!result.isDone()) {
            return Optional.empty();
        }
        try {
            result.getNow(null);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getCause() != null ? e.getCause() : e);
        }
    }

    public boolean hasEnded() {
        return result.isDone();
    }

    /**
     * Stops with a savepoint. With {@code drain}, event time first advances to the end, so every open window
     * fires and is stored before the job ends; without, open windows stay in the savepoint for the next run.
     *
     * @return the savepoint's path
     */
    public String stopWithSavepoint(boolean drain, Path savepoints, Duration timeout) throws Exception {
        String savepoint;
        try {
            savepoint = client.stopWithSavepoint(drain, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the job did not stop with a savepoint in " + savepoints + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the job did not stop with a savepoint within " + timeout.toSeconds() + " s");
        }
        // The savepoint is complete; the MiniCluster finishes the job right after.
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Ended after the savepoint was taken: nothing is lost, the savepoint holds the state.
        }
        return savepoint;
    }

    /** Cancels without a savepoint (after a failure). */
    public void cancel() {
        if (!result.isDone()) {
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Best effort: the JVM is about to exit.
            }
        }
    }
}
