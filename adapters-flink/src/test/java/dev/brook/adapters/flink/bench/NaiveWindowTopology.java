package dev.brook.adapters.flink.bench;

import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.adapters.flink.window.DomainTumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;

/**
 * The spec's job shape, for comparison only: every event goes through the shuffle into a window that keeps
 * all of them until it fires, then a {@code ProcessWindowFunction} aggregates them. Same windows, same
 * serializers and the same domain aggregation as Brook's job, so only the shape differs.
 */
public final class NaiveWindowTopology {

    private NaiveWindowTopology() {
    }

    public static DataStream<WindowAggregate> aggregate(DataStream<DecodedMessage> messages, JobSettings settings) {
        return messages
                .transform("split into events", BrookTypes.EVENT, new SplitIntoEvents())
                .keyBy(event -> event.sourceId().value(), Types.STRING)
                .window(new DomainTumblingWindows(settings.windows()))
                .process(new AggregateAllAtWindowEnd(), BrookTypes.WINDOW_AGGREGATE);
    }

    /** One record per event, stamped with its own event time; chained to the source like Brook's combiner. */
    private static final class SplitIntoEvents extends AbstractStreamOperator<Event>
            implements OneInputStreamOperator<DecodedMessage, Event> {

        SplitIntoEvents() {
            setChainingStrategy(ChainingStrategy.ALWAYS);
        }

        @Override
        public void processElement(StreamRecord<DecodedMessage> element) {
            if (element.getValue() instanceof DecodedMessage.Events batch) {
                for (Event event : batch.events()) {
                    output.collect(new StreamRecord<>(event, event.eventTimeMillis()));
                }
            } else if (element.getValue() instanceof DecodedMessage.Columns columns) {
                // Not its form (it reads DecodedForm.EVENTS, as a job of this shape would): accepted all the same.
                for (int i = 0; i < columns.eventCount(); i++) {
                    Event event = columns.events().event(i);
                    output.collect(new StreamRecord<>(event, event.eventTimeMillis()));
                }
            }
        }
    }

    private static final class AggregateAllAtWindowEnd extends ProcessWindowFunction<Event, WindowAggregate, String, TimeWindow> {
        @Override
        public void process(String source, Context context, Iterable<Event> events, Collector<WindowAggregate> out) {
            WindowAccumulator accumulator = new WindowAccumulator();
            for (Event event : events) {
                accumulator.add(event);
            }
            out.collect(accumulator.toAggregate(new dev.brook.core.domain.aggregation.TimeWindow(
                    context.window().getStart(), context.window().getEnd())));
        }
    }
}
