package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Incremental window aggregation over partials from {@link LocalWindowCombiner}: the window state is one
 * accumulator per (source, window), whatever the number of events.
 */
public final class MergePartials implements AggregateFunction<WindowAccumulator, WindowAccumulator, WindowAccumulator> {

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(WindowAccumulator partial, WindowAccumulator accumulator) {
        return accumulator.mergeFrom(partial);
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        return WindowAccumulator.merge(a, b);
    }
}
