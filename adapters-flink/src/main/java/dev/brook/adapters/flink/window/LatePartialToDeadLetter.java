package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.port.out.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A safety net: the combiner already diverts late events, so the keyed window should rarely find a partial
 * late; after a restore, a replayed partial of a window that closed before the checkpoint lands here too
 * ({@link EmitWindowAggregate}). The partial is set aside (its serialized state as payload) and its events counted
 * as late rather than dropped silently by the window operator, or written over the stored window.
 */
public final class LatePartialToDeadLetter extends RichMapFunction<WindowAccumulator, DeadLetter> {

    private transient Counter lateEvents;

    @Override
    public void open(OpenContext openContext) {
        lateEvents = getRuntimeContext().getMetricGroup().addGroup("brook").counter("lateEventsAtWindow");
    }

    @Override
    public DeadLetter map(WindowAccumulator partial) throws IOException {
        lateEvents.inc(partial.eventCount());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            partial.writeTo(out);
        }
        return new DeadLetter("window:" + partial.sourceId(), bytes.toByteArray(),
                "late: partial aggregate of " + partial.eventCount() + " events reached a closed window",
                System.currentTimeMillis());
    }
}
