package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.aggregation.WindowAggregate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.time.Duration;

/**
 * Writes window aggregates through the domain's {@code AggregateSink} port, in batches.
 *
 * <p>An aggregate waits at most {@code maxBatchDelay} in the buffer: a window's rows are queryable about that
 * long after it fires, not at the next checkpoint (a minute apart on a cluster).
 *
 * <p>Effectively-once: Flink calls {@link SinkWriter#flush(boolean)} before each checkpoint barrier and at
 * end of input, and the writer stores everything buffered before it returns. So every aggregate emitted
 * before a checkpoint is durable when the checkpoint completes, and what a restore replays is rewritten
 * with identical content — the port is idempotent by (source, window).
 */
public final class AggregatePortSink implements Sink<WindowAggregate> {

    private final AggregateSinkFactory factory;
    private final int maxBatchSize;
    private final Duration maxBatchDelay;
    private final RetryPolicy retryPolicy;

    public AggregatePortSink(AggregateSinkFactory factory, int maxBatchSize, Duration maxBatchDelay, RetryPolicy retryPolicy) {
        if (factory == null || maxBatchDelay == null || retryPolicy == null) {
            throw new IllegalArgumentException("the aggregate sink needs a port factory, a batch delay and a retry policy");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("aggregate sink batch size " + maxBatchSize + " must be ≥ 1");
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("aggregate sink batch delay " + maxBatchDelay + " must be positive (e.g. PT1S)");
        }
        this.factory = factory;
        this.maxBatchSize = maxBatchSize;
        this.maxBatchDelay = maxBatchDelay;
        this.retryPolicy = retryPolicy;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<WindowAggregate> createWriter(InitContext context) {
        return new AggregatePortWriter(factory.create(), maxBatchSize, maxBatchDelay.toMillis(),
                context.getProcessingTimeService(), retryPolicy, new SinkMetrics(context.metricGroup()), Sleeper.THREAD);
    }
}
