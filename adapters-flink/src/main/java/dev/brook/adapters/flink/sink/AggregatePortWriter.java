package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers aggregates and writes them through the port when the buffer is full, when the watermark shows that every
 * window buffered is complete, when its oldest aggregate has waited the batch delay (a processing-time timer, run on
 * the task's thread like {@code write}), before every checkpoint barrier and at end of input. A transient store
 * failure is retried with backoff; one that persists fails the task, and the job restarts from its last checkpoint
 * (nothing is lost: the replay rewrites).
 */
final class AggregatePortWriter implements SinkWriter<WindowAggregate> {

    private final AggregateSink port;
    private final int maxBatchSize;
    private final long maxBatchDelayMillis;
    private final ProcessingTimeService time;
    private final RetryPolicy retryPolicy;
    private final SinkMetrics metrics;
    private final Sleeper sleeper;
    private final List<WindowAggregate> buffer = new ArrayList<>();
    /** A timer is set for the aggregates buffered now (it may fire early: it was set for an earlier batch). */
    private boolean delayedWritePending;
    private boolean closed;

    AggregatePortWriter(AggregateSink port, int maxBatchSize, long maxBatchDelayMillis, ProcessingTimeService time,
                        RetryPolicy retryPolicy, SinkMetrics metrics, Sleeper sleeper) {
        this.port = port;
        this.maxBatchSize = maxBatchSize;
        this.maxBatchDelayMillis = maxBatchDelayMillis;
        this.time = time;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    @Override
    public void write(WindowAggregate aggregate, Context context) throws IOException, InterruptedException {
        buffer.add(aggregate);
        if (buffer.size() >= maxBatchSize) {
            writeBuffer();
        } else if (!delayedWritePending) {
            delayedWritePending = true;
            time.registerTimer(time.getCurrentProcessingTime() + maxBatchDelayMillis, this::writeDelayed);
        }
    }

    private void writeDelayed(long now) throws IOException, InterruptedException {
        delayedWritePending = false;
        if (!closed) {
            writeBuffer();
        }
    }

    /**
     * A window fires when the watermark reaches its last millisecond, and its aggregates come before that watermark,
     * here too: once the watermark has reached every window buffered, none of their aggregates is still to come, so
     * they are written at once instead of after the batch delay (which made a closed window wait up to that long).
     */
    @Override
    public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
        if (!buffer.isEmpty() && watermark.getTimestamp() >= newestWindowEnd(buffer) - 1) {
            writeBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
    }

    private void writeBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<WindowAggregate> batch = List.copyOf(buffer);
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                port.write(batch);
                metrics.batchLatencyMillis.update((System.nanoTime() - started) / 1_000_000);
                metrics.windowStoredLagMillis.update(time.getCurrentProcessingTime() - newestWindowEnd(batch));
                metrics.batches.inc();
                metrics.aggregatesOut.inc(batch.size());
                buffer.clear();
                return;
            } catch (AggregateWriteException failure) {
                if (!failure.isTransient() || attempt >= retryPolicy.maxAttempts()) {
                    throw new IOException("writing " + batch.size() + " window aggregates failed after " + attempt
                            + " attempt(s): " + failure.getMessage(), failure);
                }
                metrics.retries.inc();
                sleeper.sleep(retryPolicy.backoffMillis(attempt));
            }
        }
    }

    private static long newestWindowEnd(List<WindowAggregate> batch) {
        long newest = Long.MIN_VALUE;
        for (WindowAggregate aggregate : batch) {
            newest = Math.max(newest, aggregate.window().endMillis());
        }
        return newest;
    }

    @Override
    public void close() {
        closed = true;
        port.close();
    }
}
