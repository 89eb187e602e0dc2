package dev.brook.adapters.flink.testing;

import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.testing.ReferenceAggregation.Key;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An idempotent aggregate store in this JVM, keyed by (source, window) like the real one: a rewrite replaces.
 * Named, so a serializable factory can reach it from any task of a MiniCluster job.
 */
public final class InMemoryAggregateStore {

    private static final Map<String, InMemoryAggregateStore> STORES = new ConcurrentHashMap<>();

    private final Map<Key, WindowAggregate> rows = new ConcurrentHashMap<>();
    private final AtomicLong rowsWritten = new AtomicLong();

    public static InMemoryAggregateStore named(String name) {
        return STORES.computeIfAbsent(name, n -> new InMemoryAggregateStore());
    }

    public static void drop(String name) {
        STORES.remove(name);
    }

    /** A factory of sinks writing to the store of this name. */
    public static AggregateSinkFactory sinkFactory(String name) {
        return () -> new AggregateSink() {
            @Override
            public void write(List<WindowAggregate> batch) {
                InMemoryAggregateStore store = named(name);
                for (WindowAggregate aggregate : batch) {
                    store.rows.put(Key.of(aggregate), aggregate);
                }
                store.rowsWritten.addAndGet(batch.size());
            }

            @Override
            public void close() {
            }
        };
    }

    public Map<Key, WindowAggregate> rows() {
        return Map.copyOf(rows);
    }

    /** Rows written including rewrites of the same key. */
    public long rowsWritten() {
        return rowsWritten.get();
    }
}
