package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.aggregation.WindowAggregate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Writes window aggregates through the domain's {@code AggregateSink} port, in batches.
 *
 * <p>Effectively-once: Flink calls {@link SinkWriter#flush(boolean)} before each checkpoint barrier and at
 * end of input, and the writer stores everything buffered before it returns. So every aggregate emitted
 * before a checkpoint is durable when the checkpoint completes, and what a restore replays is rewritten
 * with identical content — the port is idempotent by (source, window).
 */
public final class AggregatePortSink implements Sink<WindowAggregate> {

    private final AggregateSinkFactory factory;
    private final int maxBatchSize;
    private final RetryPolicy retryPolicy;

    public AggregatePortSink(AggregateSinkFactory factory, int maxBatchSize, RetryPolicy retryPolicy) {
        if (factory == null || retryPolicy == null) {
            throw new IllegalArgumentException("the aggregate sink needs a port factory and a retry policy");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("aggregate sink batch size " + maxBatchSize + " must be ≥ 1");
        }
        this.factory = factory;
        this.maxBatchSize = maxBatchSize;
        this.retryPolicy = retryPolicy;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<WindowAggregate> createWriter(InitContext context) {
        return new AggregatePortWriter(factory.create(), maxBatchSize, retryPolicy,
                new SinkMetrics(context.metricGroup()), Sleeper.THREAD);
    }
}
