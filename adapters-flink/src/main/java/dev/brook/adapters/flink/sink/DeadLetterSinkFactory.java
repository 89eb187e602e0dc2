package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.port.out.DeadLetterSink;

import java.io.Serializable;

/** Makes the dead-letter port on the task manager; see {@link AggregateSinkFactory} for why a factory. */
@FunctionalInterface
public interface DeadLetterSinkFactory extends Serializable {

    DeadLetterSink create();
}
