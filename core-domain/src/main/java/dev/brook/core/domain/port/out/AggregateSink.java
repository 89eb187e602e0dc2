package dev.brook.core.domain.port.out;

import dev.brook.core.domain.aggregation.WindowAggregate;

import java.util.List;

/**
 * Writes window aggregates to the analytics store.
 *
 * <p>Idempotent, keyed by (source, window): writing an aggregate that is already stored, again or in a
 * later batch, leaves every query result unchanged. That is what makes a replay after a failure harmless.
 */
public interface AggregateSink extends AutoCloseable {

    /**
     * Stores a batch durably before returning. Transient failures are retried inside; a failure that
     * remains is thrown ({@link AggregateWriteException}) — never swallowed.
     */
    void write(List<WindowAggregate> batch);

    @Override
    void close();
}
