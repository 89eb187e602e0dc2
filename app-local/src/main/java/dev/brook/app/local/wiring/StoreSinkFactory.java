package dev.brook.app.local.wiring;

import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.core.domain.port.out.AggregateSink;

/**
 * The job's aggregate sink, made on the task manager from the store's location only: the store itself
 * is opened there (here: found already open in this JVM) and never serialized with the job.
 */
record StoreSinkFactory(StoreLocation location) implements AggregateSinkFactory {

    @Override
    public AggregateSink create() {
        return SharedStores.open(location).sink();
    }
}
