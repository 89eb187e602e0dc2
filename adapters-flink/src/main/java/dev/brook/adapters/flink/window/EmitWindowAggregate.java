package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.IOException;

/**
 * Adds the window to the aggregated state: one {@link WindowAggregate} per (source, window) firing.
 *
 * <p>It also keeps, per source, the end of the latest window whose state was dropped (its allowed lateness over).
 * Flink checkpoints no watermark: after a restore the window operator starts without one, so a partial replayed for a
 * window that had fired and closed before the checkpoint would open that window afresh, and its firing, a fraction of
 * the window, would replace the stored row. Such a firing goes to the late partials instead, as a partial reaching a
 * closed window does.
 */
public final class EmitWindowAggregate extends ProcessWindowFunction<WindowAccumulator, WindowAggregate, String, TimeWindow> {

    private static final ValueStateDescriptor<Long> CLOSED_UP_TO = new ValueStateDescriptor<>("windows-closed-up-to", Types.LONG);

    private final OutputTag<WindowAccumulator> latePartials;

    public EmitWindowAggregate(OutputTag<WindowAccumulator> latePartials) {
        this.latePartials = latePartials;
    }

    @Override
    public void process(String source, Context context, Iterable<WindowAccumulator> accumulated,
                        Collector<WindowAggregate> out) throws IOException {
        Long closedUpTo = context.globalState().getState(CLOSED_UP_TO).value();
        boolean closedBefore = closedUpTo != null && context.window().getEnd() <= closedUpTo;
        dev.brook.core.domain.aggregation.TimeWindow window =
                new dev.brook.core.domain.aggregation.TimeWindow(context.window().getStart(), context.window().getEnd());
        for (WindowAccumulator accumulator : accumulated) {
            if (accumulator.isEmpty()) {
                continue;
            }
            if (closedBefore) {
                context.output(latePartials, accumulator);
            } else {
                out.collect(accumulator.toAggregate(window));
            }
        }
    }

    /** Called when the window's state is dropped: later firings of it, or of windows before it, are replays. */
    @Override
    public void clear(Context context) throws IOException {
        ValueState<Long> closedUpTo = context.globalState().getState(CLOSED_UP_TO);
        Long current = closedUpTo.value();
        if (current == null || current < context.window().getEnd()) {
            closedUpTo.update(context.window().getEnd());
        }
    }
}
