package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.DeadLetterSink;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/** Hands records that were set aside (malformed, late) to the domain's dead-letter port, counted. */
public final class DeadLetterPortSink implements Sink<DeadLetter> {

    private final DeadLetterSinkFactory factory;

    public DeadLetterPortSink(DeadLetterSinkFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("the dead-letter sink needs a port factory");
        }
        this.factory = factory;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<DeadLetter> createWriter(InitContext context) {
        DeadLetterSink port = factory.create();
        Counter setAside = context.metricGroup().addGroup("brook").counter("deadLetters");
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter letter, Context writeContext) {
                port.setAside(letter);
                setAside.inc();
            }

            @Override
            public void flush(boolean endOfInput) {
                // The port stores each letter before returning: nothing is buffered here.
            }

            @Override
            public void close() {
                if (port instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("closing the dead-letter port failed: " + e.getMessage(), e);
                    }
                }
            }
        };
    }
}
