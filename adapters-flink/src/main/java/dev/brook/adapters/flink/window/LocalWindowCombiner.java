package dev.brook.adapters.flink.window;

import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.core.domain.aggregation.AccumulatorTable;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.port.out.DeadLetter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits decoded messages into events and pre-aggregates them per (source, window) before the shuffle, so
 * the network and the keyed window state see one partial {@link WindowAccumulator} per source and window
 * instead of every event. Runs chained to the source, in the same thread, with no state of its own:
 *
 * <ul>
 *   <li>a partial is emitted when the watermark reaches its window's end (just before the watermark
 *       itself, so the keyed window has it when it fires), at every checkpoint barrier (so nothing buffered
 *       is missing from a checkpoint), when the input goes idle (just before that status, as the keyed
 *       window then fires on the other inputs' watermarks alone) and at end of input;</li>
 *   <li>an event whose window is past its allowed lateness at this operator's watermark is late: it goes
 *       to the {@link #LATE_EVENTS} side output and is counted. Downstream watermarks never run ahead of
 *       this one, so a partial emitted here is never late at the keyed window;</li>
 *   <li>a malformed message goes to {@link #MALFORMED_MESSAGES} with its reason and is counted.</li>
 * </ul>
 *
 * <p>Each emitted partial carries the timestamp of its window's last millisecond.
 */
public final class LocalWindowCombiner extends AbstractStreamOperator<WindowAccumulator>
        implements OneInputStreamOperator<DecodedMessage, WindowAccumulator> {

    public static final OutputTag<DeadLetter> MALFORMED_MESSAGES = new OutputTag<>("malformed-messages", BrookTypes.DEAD_LETTER);
    public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events", BrookTypes.DEAD_LETTER);

    // The domain type is not Serializable (core-domain stays free of Java serialization): keep its size.
    private final Duration windowSize;
    private final long allowedLatenessMillis;

    private transient TumblingWindows windows;
    /** Open partials by window start, then by source. Two or three windows are open at a time. */
    private transient TreeMap<Long, AccumulatorTable> partials;
    /** The table the last event went to: a message's events nearly all share a window. */
    private transient AccumulatorTable lastTable;
    private transient long lastWindowStart;
    private transient AvroEventCodec codec;
    private transient long currentWatermark;
    private transient Counter eventsIn;
    private transient Counter malformedMessages;
    private transient Counter lateEvents;
    private transient Counter partialsOut;

    public LocalWindowCombiner(TumblingWindows windows, long allowedLatenessMillis) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness " + allowedLatenessMillis + " ms must be ≥ 0");
        }
        this.windowSize = windows.size();
        this.allowedLatenessMillis = allowedLatenessMillis;
        // Custom operators start as chain heads; this one belongs in the source's thread, so decoded messages
        // are handed over by reference instead of being serialized between two tasks.
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        windows = new TumblingWindows(windowSize);
        partials = new TreeMap<>();
        codec = new AvroEventCodec();
        currentWatermark = Long.MIN_VALUE;
        MetricGroup metrics = getMetricGroup().addGroup("brook");
        eventsIn = metrics.counter("eventsIn");
        metrics.meter("eventsInPerSecond", new MeterView(eventsIn));
        malformedMessages = metrics.counter("malformedMessages");
        lateEvents = metrics.counter("lateEvents");
        partialsOut = metrics.counter("partialAggregatesOut");
    }

    @Override
    public void processElement(StreamRecord<DecodedMessage> element) {
        DecodedMessage message = element.getValue();
        if (message instanceof DecodedMessage.Columns columns) {
            addAll(columns.origin(), columns.events());
        } else if (message instanceof DecodedMessage.Events batch) {
            // Brook's source decodes into columns; events from elsewhere take the same path.
            addAll(batch.origin(), toColumns(batch));
        } else if (message instanceof DecodedMessage.Malformed malformed) {
            malformedMessages.inc();
            output.collect(MALFORMED_MESSAGES, new StreamRecord<>(new DeadLetter(malformed.origin(),
                    malformed.payload(), "malformed: " + malformed.reason(), now())));
        }
    }

    private void addAll(String origin, EventColumns events) {
        eventsIn.inc(events.size());
        for (int i = 0; i < events.size(); i++) {
            add(origin, events, i);
        }
    }

    private void add(String origin, EventColumns events, int i) {
        long time = events.eventTimeMillis(i);
        TimeWindow window = windows.windowOf(time);
        if (cleanupTime(window) <= currentWatermark) {
            lateEvents.inc();
            output.collect(LATE_EVENTS, new StreamRecord<>(new DeadLetter(origin, events.bytesOf(i),
                    "late: event time " + time + " of " + events.sourceId(i) + " falls in window "
                            + window + ", closed at watermark " + currentWatermark, now())));
        } else if (window.maxTimestamp() <= currentWatermark) {
            // Its window has fired already but still accepts late events: send it on at once.
            emit(new WindowAccumulator().add(events.event(i)), window);
        } else {
            if (lastTable == null || lastWindowStart != window.startMillis()) {
                lastTable = partials.computeIfAbsent(window.startMillis(), start -> new AccumulatorTable());
                lastWindowStart = window.startMillis();
            }
            lastTable.add(events, i);
        }
    }

    private EventColumns toColumns(DecodedMessage.Events batch) {
        try {
            return AvroEventCodec.decodeColumns(codec.encodeBatch(batch.events()));
        } catch (MalformedEventException impossible) {
            throw new IllegalStateException("valid events of " + batch.origin() + " did not decode again", impossible);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        currentWatermark = Math.max(currentWatermark, mark.getTimestamp());
        Iterator<Map.Entry<Long, AccumulatorTable>> open = partials.entrySet().iterator();
        while (open.hasNext()) {
            Map.Entry<Long, AccumulatorTable> entry = open.next();
            TimeWindow window = windows.windowOf(entry.getKey());
            if (window.maxTimestamp() > currentWatermark) {
                break;
            }
            emitAll(entry.getValue(), window);
            open.remove();
            lastTable = null;
        }
        super.processWatermark(mark);
    }

    /**
     * An idle input no longer holds the keyed windows back: they fire on the other subtasks' watermarks. What is
     * buffered here goes ahead of the status, or it would reach windows already fired and be set aside as late.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitEverything();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitEverything();
    }

    @Override
    public void finish() throws Exception {
        emitEverything();
        super.finish();
    }

    private void emitEverything() {
        for (Map.Entry<Long, AccumulatorTable> entry : partials.entrySet()) {
            emitAll(entry.getValue(), windows.windowOf(entry.getKey()));
        }
        partials.clear();
        lastTable = null;
    }

    private void emitAll(AccumulatorTable bySource, TimeWindow window) {
        bySource.forEach(partial -> emit(partial, window));
    }

    private void emit(WindowAccumulator partial, TimeWindow window) {
        partialsOut.inc();
        output.collect(new StreamRecord<>(partial, window.maxTimestamp()));
    }

    /** As Flink's window operator computes it: the window's last millisecond plus the allowed lateness. */
    private long cleanupTime(TimeWindow window) {
        long cleanup = window.maxTimestamp() + allowedLatenessMillis;
        return cleanup >= window.maxTimestamp() ? cleanup : Long.MAX_VALUE;
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }
}
