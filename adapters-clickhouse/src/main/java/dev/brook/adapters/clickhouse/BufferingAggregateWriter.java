package dev.brook.adapters.clickhouse;

import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.time.TimeSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects aggregates one by one and writes them in batches: when {@code batchSize} rows are buffered or
 * the oldest has waited {@code maxDelay}, whichever comes first (the spec's 1,000 rows or 1 s). For a
 * caller that produces rows one at a time and has no checkpoint of its own to flush on. The Flink job buffers
 * in its own sink writer (a row count and a delay, 1 s by default) and also writes before each checkpoint.
 *
 * <p>Not an {@link AggregateSink}: that port promises a row is stored when {@code write} returns, which a
 * buffer cannot. Here a row is stored once {@link #flush()} (or a flushing {@link #add}) returned.
 * Not thread-safe: one writer per producing thread, and call {@link #flushIfDue()} when idle.
 */
public final class BufferingAggregateWriter implements AutoCloseable {

    private final AggregateSink sink;
    private final int batchSize;
    private final long maxDelayNanos;
    private final TimeSource time;
    private final List<WindowAggregate> buffer = new ArrayList<>();
    private long oldestBufferedAtNanos;

    public BufferingAggregateWriter(AggregateSink sink, int batchSize, Duration maxDelay, TimeSource time) {
        if (sink == null || time == null || batchSize < 1 || maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("a buffering writer needs a sink, a clock, a batch size ≥ 1 and a delay > 0 (got "
                    + batchSize + ", " + maxDelay + ")");
        }
        this.sink = sink;
        this.batchSize = batchSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.time = time;
    }

    /** With the store's settings: {@link ClickHouseSettings#batchSize()} rows or {@link ClickHouseSettings#batchInterval()}. */
    public static BufferingAggregateWriter of(ClickHouseStore store, TimeSource time) {
        return new BufferingAggregateWriter(store.sink(), store.settings().batchSize(), store.settings().batchInterval(), time);
    }

    /** Buffers the row; writes the buffer if it is full or its oldest row is due. */
    public void add(WindowAggregate aggregate) {
        if (buffer.isEmpty()) {
            oldestBufferedAtNanos = time.nanoTime();
        }
        buffer.add(aggregate);
        if (buffer.size() >= batchSize) {
            flush();
        } else {
            flushIfDue();
        }
    }

    /** Writes the buffer if its oldest row has waited the maximum delay; call this when no rows arrive. */
    public void flushIfDue() {
        if (!buffer.isEmpty() && time.nanoTime() - oldestBufferedAtNanos >= maxDelayNanos) {
            flush();
        }
    }

    /** Writes whatever is buffered; on failure the rows stay buffered and the sink's exception is thrown. */
    public void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        sink.write(List.copyOf(buffer));
        buffer.clear();
    }

    public int buffered() {
        return buffer.size();
    }

    /** Flushes what is left. */
    @Override
    public void close() {
        flush();
    }
}
