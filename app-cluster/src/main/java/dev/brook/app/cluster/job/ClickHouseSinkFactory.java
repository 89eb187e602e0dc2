package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.core.domain.port.out.AggregateSink;

/** Serializable: carries the target only and builds the sink's object graph on the task manager. */
record ClickHouseSinkFactory(ClickHouseTarget target) implements AggregateSinkFactory {

    @Override
    public AggregateSink create() {
        return DaggerClickHouseSinkComponent.factory().create(target.settings()).aggregateSink();
    }
}
