package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Adds the window to the aggregated state: one {@link WindowAggregate} per (source, window) firing. */
public final class EmitWindowAggregate extends ProcessWindowFunction<WindowAccumulator, WindowAggregate, String, TimeWindow> {

    @Override
    public void process(String source, Context context, Iterable<WindowAccumulator> accumulated,
                        Collector<WindowAggregate> out) {
        dev.brook.core.domain.aggregation.TimeWindow window =
                new dev.brook.core.domain.aggregation.TimeWindow(context.window().getStart(), context.window().getEnd());
        for (WindowAccumulator accumulator : accumulated) {
            if (!accumulator.isEmpty()) {
                out.collect(accumulator.toAggregate(window));
            }
        }
    }
}
