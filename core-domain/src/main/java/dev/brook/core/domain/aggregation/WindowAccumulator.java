package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The running state of one (source, window): incremental, constant size, mergeable.
 *
 * <p>Mutable on purpose: it is updated once per event on the hot path (hundreds of thousands per
 * second), so it must not allocate per event. It never leaves the aggregation step; what leaves is
 * the immutable {@link WindowAggregate} from {@link #toAggregate(TimeWindow)}.
 *
 * <p>{@link #merge(WindowAccumulator, WindowAccumulator)} of two accumulators equals the accumulator of
 * the union of their events (sums up to floating-point rounding), so an engine may combine partial results.
 */
public final class WindowAccumulator {

    private static final Metric[] METRIC_ORDER = Metric.all();
    private static final int SERIAL_VERSION = 1;

    /** Count, times, motion, status counts and min/max/sum of every metric: see {@link AccumulatorRow}. */
    private final double[] row = new double[AccumulatorRow.LENGTH];
    // Identity fields of the earliest event (ties: smallest event type, then customer, then site), so the
    // result ignores arrival order.
    private SourceId sourceId;
    private int sourceIndex;
    private String eventType;
    private String customerId;
    private String siteId;

    public WindowAccumulator() {
        AccumulatorRow.clear(row, 0);
    }

    /** An accumulator holding a copy of a table's row and the identity that goes with it. */
    static WindowAccumulator ofRow(double[] rows, int base, SourceId source, String type, String customer, String site) {
        WindowAccumulator accumulator = new WindowAccumulator();
        System.arraycopy(rows, base, accumulator.row, 0, AccumulatorRow.LENGTH);
        accumulator.takeIdentity(source, type, customer, site);
        return accumulator;
    }

    /** Adds one event; the caller keys by source, so every event here has the same source. */
    public WindowAccumulator add(Event event) {
        requireSameSource(event.sourceId());
        AccumulatorRow.add(row, 0, event);
        long time = event.eventTimeMillis();
        if (AccumulatorRow.isBefore(time, event.eventType(), event.customerId(), event.siteId(),
                row[AccumulatorRow.FIRST_TIME], eventType, customerId, siteId)) {
            row[AccumulatorRow.FIRST_TIME] = time;
            takeIdentity(event.sourceId(), event.eventType(), event.customerId(), event.siteId());
        }
        return this;
    }

    /** A new accumulator holding the events of both; neither argument changes. */
    public static WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        WindowAccumulator merged = a.copy();
        merged.mergeFrom(b);
        return merged;
    }

    /** Folds another accumulator of the same source into this one. */
    public WindowAccumulator mergeFrom(WindowAccumulator other) {
        if (other.isEmpty()) {
            return this;
        }
        requireSameSource(other.sourceId);
        AccumulatorRow.merge(row, 0, other.row, 0);
        double otherFirst = other.row[AccumulatorRow.FIRST_TIME];
        if (AccumulatorRow.isBefore((long) otherFirst, other.eventType, other.customerId, other.siteId,
                row[AccumulatorRow.FIRST_TIME], eventType, customerId, siteId)) {
            row[AccumulatorRow.FIRST_TIME] = otherFirst;
            takeIdentity(other.sourceId, other.eventType, other.customerId, other.siteId);
        }
        return this;
    }

    public WindowAccumulator copy() {
        WindowAccumulator copy = new WindowAccumulator();
        copy.mergeFrom(this);
        return copy;
    }

    public long eventCount() {
        return (long) row[AccumulatorRow.COUNT];
    }

    public boolean isEmpty() {
        return row[AccumulatorRow.COUNT] == 0;
    }

    /** The source of the events held, to key partial accumulators by; an empty accumulator has none yet. */
    public SourceId sourceId() {
        if (sourceId == null) {
            throw new IllegalStateException("an empty accumulator has no source yet: add an event first");
        }
        return sourceId;
    }

    /** The immutable result for this window; an empty accumulator has none. */
    public WindowAggregate toAggregate(TimeWindow window) {
        if (isEmpty()) {
            throw new IllegalStateException("an empty accumulator has no aggregate for window " + window);
        }
        Map<Metric, MetricStats> metricStats = new EnumMap<>(Metric.class);
        for (int i = 0; i < AccumulatorRow.METRICS; i++) {
            int slot = AccumulatorRow.STATS + 3 * i;
            metricStats.put(METRIC_ORDER[i], new MetricStats(row[slot + AccumulatorRow.MIN], row[slot + AccumulatorRow.MAX],
                    row[slot + AccumulatorRow.SUM]));
        }
        int status = AccumulatorRow.STATUS;
        return new WindowAggregate(sourceId, window, customerId, siteId, eventType, eventCount(), metricStats,
                new StatusCounts((long) row[status], (long) row[status + 1], (long) row[status + 2], (long) row[status + 3]),
                (long) row[AccumulatorRow.MOTION], (long) row[AccumulatorRow.FIRST_TIME], (long) row[AccumulatorRow.LAST_TIME]);
    }

    /** Writes the state compactly, for engines that keep it in checkpoints. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(SERIAL_VERSION);
        out.writeLong(eventCount());
        if (isEmpty()) {
            return;
        }
        // Per metric: min, max, sum — the order of the slots.
        for (int slot = AccumulatorRow.STATS; slot < AccumulatorRow.LENGTH; slot++) {
            out.writeDouble(row[slot]);
        }
        for (int s = 0; s < AccumulatorRow.STATUSES; s++) {
            out.writeLong((long) row[AccumulatorRow.STATUS + s]);
        }
        out.writeLong((long) row[AccumulatorRow.MOTION]);
        out.writeLong((long) row[AccumulatorRow.FIRST_TIME]);
        out.writeLong((long) row[AccumulatorRow.LAST_TIME]);
        out.writeUTF(sourceId.value());
        out.writeUTF(eventType);
        out.writeUTF(customerId);
        out.writeUTF(siteId);
    }

    /** Reads what {@link #writeTo(DataOutput)} wrote. */
    public static WindowAccumulator readFrom(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != SERIAL_VERSION) {
            throw new IOException("window accumulator state has version " + version + "; this build reads "
                    + SERIAL_VERSION + " (restore from a checkpoint of the same Brook version)");
        }
        WindowAccumulator acc = new WindowAccumulator();
        long count = readCount(in, "event count");
        if (count == 0) {
            return acc;
        }
        acc.row[AccumulatorRow.COUNT] = count;
        for (int slot = AccumulatorRow.STATS; slot < AccumulatorRow.LENGTH; slot++) {
            acc.row[slot] = in.readDouble();
        }
        for (int s = 0; s < AccumulatorRow.STATUSES; s++) {
            acc.row[AccumulatorRow.STATUS + s] = readCount(in, "status count");
        }
        acc.row[AccumulatorRow.MOTION] = readCount(in, "motion count");
        acc.row[AccumulatorRow.FIRST_TIME] = readCount(in, "first event time");
        acc.row[AccumulatorRow.LAST_TIME] = readCount(in, "last event time");
        // Arguments are evaluated left to right: the order writeTo wrote them in.
        acc.takeIdentity(new SourceId(in.readUTF()), in.readUTF(), in.readUTF(), in.readUTF());
        return acc;
    }

    /**
     * By index, which names a source as exactly as its id does (see {@link SourceId}) but is compared without
     * reading the stored id's characters: on the per-event path that read is a cache miss of its own.
     */
    private void requireSameSource(SourceId other) {
        if (sourceId != null && other.index() != sourceIndex) {
            throw new IllegalArgumentException("an accumulator of " + sourceId + " cannot take events of " + other
                    + ": key the stream by source first");
        }
    }

    /** A count or a time as written: never negative, and exact as a double (see {@link AccumulatorRow}). */
    private static long readCount(DataInput in, String what) throws IOException {
        long value = in.readLong();
        if (value < 0 || value > AccumulatorRow.MAX_EXACT_COUNT) {
            throw new IOException("window accumulator state holds " + what + " " + value + ", outside 0.."
                    + AccumulatorRow.MAX_EXACT_COUNT + ": the state is corrupt");
        }
        return value;
    }

    private void takeIdentity(SourceId source, String type, String customer, String site) {
        if (sourceId == null) {
            sourceIndex = source.index();
        }
        sourceId = source;
        eventType = type;
        customerId = customer;
        siteId = site;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowAccumulator other)) {
            return false;
        }
        return Arrays.equals(row, other.row) && Objects.equals(sourceId, other.sourceId)
                && Objects.equals(eventType, other.eventType) && Objects.equals(customerId, other.customerId)
                && Objects.equals(siteId, other.siteId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(eventCount()) * 31 + Objects.hashCode(sourceId);
    }

    @Override
    public String toString() {
        return "WindowAccumulator{" + sourceId + ", events=" + eventCount() + "}";
    }
}
