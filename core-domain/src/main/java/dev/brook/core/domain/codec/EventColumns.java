package dev.brook.core.domain.codec;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.util.Arrays;

/**
 * The events of one {@code EventBatch} message, checked by every rule of {@link Event} but not made into
 * objects: what aggregation reads of each event (source index, time, metrics, status, motion), column by
 * column, beside the bytes the events came from.
 *
 * <p>Why: a step that pre-aggregates a stream spent over a third of its time building events it drops at
 * once — four strings, a {@link SourceId} and an {@code Event} per event. Here decoding allocates a few arrays
 * per message; the rest of an event ({@link #event}, {@link #bytesOf}) is read from its bytes when asked for,
 * which aggregation does only when an event becomes the earliest of its window or arrives late.
 *
 * <p>Made by {@link AvroEventCodec#decodeColumns}; immutable once made.
 */
public final class EventColumns {

    private static final int METRICS = Metric.count();
    private static final EventStatus[] STATUSES = EventStatus.values();

    private final byte[] payload;
    private int size;
    private int[] sourceIndexes = {};
    private long[] times = {};
    /** Metric {@code m} of event {@code i} at {@code i * Metric.count() + m}, in {@link Metric} order. */
    private double[] metrics = {};
    private byte[] statuses = {};
    private boolean[] motion = {};
    /** Event {@code i} is {@code payload[eventStarts[i], eventEnds[i])}; block headers may lie between events. */
    private int[] eventStarts = {};
    private int[] eventEnds = {};
    private long latestTime = Long.MIN_VALUE;

    EventColumns(byte[] payload) {
        this.payload = payload;
    }

    /** How many events the message holds. */
    public int size() {
        return size;
    }

    /** The index of event {@code i}'s source ({@link SourceId#index()}). */
    public int sourceIndex(int i) {
        return sourceIndexes[i];
    }

    public SourceId sourceId(int i) {
        return SourceId.ofIndex(sourceIndexes[i]);
    }

    public long eventTimeMillis(int i) {
        return times[i];
    }

    /** The value of the {@code metric}-th {@link Metric} (declaration order) of event {@code i}. */
    public double metric(int i, int metric) {
        return metrics[i * METRICS + metric];
    }

    public EventStatus status(int i) {
        return STATUSES[statuses[i]];
    }

    public boolean motionDetected(int i) {
        return motion[i];
    }

    /** The latest event time of the message; {@code Long.MIN_VALUE} if it holds no event. */
    public long latestEventTimeMillis() {
        return latestTime;
    }

    /** Event {@code i} whole, read again from its bytes. */
    public Event event(int i) {
        try {
            return AvroEventCodec.decodeEventAt(payload, eventStarts[i], eventEnds[i]);
        } catch (MalformedEventException impossible) {
            throw new IllegalStateException("event " + i + " decoded once and not again: " + impossible.getMessage(), impossible);
        }
    }

    /** The bytes of event {@code i} as they arrived: one Avro {@code Event} record. */
    public byte[] bytesOf(int i) {
        return Arrays.copyOfRange(payload, eventStarts[i], eventEnds[i]);
    }

    /** The whole message as it arrived. */
    public byte[] payload() {
        return payload.clone();
    }

    // Filled by the codec, one event at a time, and never changed after decodeColumns returns.

    /** Makes room for {@code more} events: the count each block of the array announces before its events. */
    void reserve(int more) {
        int capacity = size + more;
        sourceIndexes = Arrays.copyOf(sourceIndexes, capacity);
        times = Arrays.copyOf(times, capacity);
        metrics = Arrays.copyOf(metrics, capacity * METRICS);
        statuses = Arrays.copyOf(statuses, capacity);
        motion = Arrays.copyOf(motion, capacity);
        eventStarts = Arrays.copyOf(eventStarts, capacity);
        eventEnds = Arrays.copyOf(eventEnds, capacity);
    }

    int beginEvent(int start) {
        eventStarts[size] = start;
        return size;
    }

    double[] metricsColumn() {
        return metrics;
    }

    static int metricsBase(int i) {
        return i * METRICS;
    }

    void endEvent(int sourceIndex, long time, int statusOrdinal, boolean motionDetected, int end) {
        int i = size++;
        sourceIndexes[i] = sourceIndex;
        times[i] = time;
        statuses[i] = (byte) statusOrdinal;
        motion[i] = motionDetected;
        eventEnds[i] = end;
        latestTime = Math.max(latestTime, time);
    }

}
