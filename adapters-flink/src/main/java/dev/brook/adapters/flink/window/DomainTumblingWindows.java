package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.TumblingWindows;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Event-time tumbling windows as the domain defines them ({@link TumblingWindows}), for Flink's window operator. */
public final class DomainTumblingWindows extends WindowAssigner<Object, TimeWindow> {

    // The domain type is not Serializable (core-domain stays free of Java serialization): keep its size.
    private final Duration size;
    private transient TumblingWindows windows;

    public DomainTumblingWindows(TumblingWindows windows) {
        this.size = windows.size();
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        if (timestamp == Long.MIN_VALUE) {
            throw new IllegalStateException("record " + element + " has no event-time timestamp: the source must assign "
                    + "timestamps (WatermarkStrategy with a timestamp assigner) before windowing");
        }
        if (windows == null) {
            windows = new TumblingWindows(size);
        }
        dev.brook.core.domain.aggregation.TimeWindow window = windows.windowOf(timestamp);
        return List.of(new TimeWindow(window.startMillis(), window.endMillis()));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Trigger<Object, TimeWindow> getDefaultTrigger(org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env) {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "DomainTumblingWindows(" + size + ")";
    }
}
