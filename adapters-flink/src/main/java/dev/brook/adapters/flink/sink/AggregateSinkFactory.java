package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.port.out.AggregateSink;

import java.io.Serializable;

/**
 * Makes the aggregate store's port on the task manager, where the sink opens. Serializable and small: the
 * app implements it with its settings only and builds its object graph (e.g. a Dagger component) inside
 * {@link #create()}, so no connection or injected object is ever serialized with the job.
 */
@FunctionalInterface
public interface AggregateSinkFactory extends Serializable {

    AggregateSink create();
}
