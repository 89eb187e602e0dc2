package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
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

    private static final int METRICS = Metric.count();
    private static final Metric[] METRIC_ORDER = Metric.all();
    private static final EventStatus[] STATUSES = EventStatus.values();
    private static final int SERIAL_VERSION = 1;

    // Stat slots of metric i: MIN + 3i, MAX + 3i, SUM + 3i. One interleaved array, not three: an event
    // touches every metric, and a combiner holds thousands of accumulators, so each one is read from memory
    // per event; one contiguous block is a few cache lines fetched in sequence instead of three arrays apart.
    private static final int MIN = 0;
    private static final int MAX = 1;
    private static final int SUM = 2;

    private long eventCount;
    private final double[] stats = new double[METRICS * 3];
    private final long[] statusCounts = new long[STATUSES.length];
    private long motionCount;
    private long firstEventTimeMillis = Long.MAX_VALUE;
    private long lastEventTimeMillis = Long.MIN_VALUE;
    // Identity fields of the earliest event (ties: smallest event type, then customer, then site), so the
    // result ignores arrival order.
    private SourceId sourceId;
    private int sourceIndex;
    private String eventType;
    private String customerId;
    private String siteId;

    public WindowAccumulator() {
        // Starting at ±infinity (not Double.MIN_VALUE, the smallest positive double) keeps negative maxima right.
        for (int i = 0; i < METRICS; i++) {
            stats[3 * i + MIN] = Double.POSITIVE_INFINITY;
            stats[3 * i + MAX] = Double.NEGATIVE_INFINITY;
        }
    }

    /** Adds one event; the caller keys by source, so every event here has the same source. */
    public WindowAccumulator add(Event event) {
        requireSameSource(event.sourceId());
        eventCount++;
        for (int i = 0; i < METRICS; i++) {
            double value = METRIC_ORDER[i].valueOf(event);
            // Math.min/max as in mergeFrom: they order -0.0 below 0.0, where '<' calls them equal and
            // would let arrival order decide which zero is kept.
            int slot = 3 * i;
            stats[slot + MIN] = Math.min(stats[slot + MIN], value);
            stats[slot + MAX] = Math.max(stats[slot + MAX], value);
            stats[slot + SUM] += value;
        }
        statusCounts[event.status().ordinal()]++;
        if (event.motionDetected()) {
            motionCount++;
        }
        long time = event.eventTimeMillis();
        if (time > lastEventTimeMillis) {
            lastEventTimeMillis = time;
        }
        if (isBefore(time, event.eventType(), event.customerId(), event.siteId())) {
            firstEventTimeMillis = time;
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
        if (other.eventCount == 0) {
            return this;
        }
        requireSameSource(other.sourceId);
        eventCount += other.eventCount;
        for (int i = 0; i < METRICS; i++) {
            int slot = 3 * i;
            stats[slot + MIN] = Math.min(stats[slot + MIN], other.stats[slot + MIN]);
            stats[slot + MAX] = Math.max(stats[slot + MAX], other.stats[slot + MAX]);
            stats[slot + SUM] += other.stats[slot + SUM];
        }
        for (int s = 0; s < statusCounts.length; s++) {
            statusCounts[s] += other.statusCounts[s];
        }
        motionCount += other.motionCount;
        lastEventTimeMillis = Math.max(lastEventTimeMillis, other.lastEventTimeMillis);
        if (isBefore(other.firstEventTimeMillis, other.eventType, other.customerId, other.siteId)) {
            firstEventTimeMillis = other.firstEventTimeMillis;
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
        return eventCount;
    }

    public boolean isEmpty() {
        return eventCount == 0;
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
        if (eventCount == 0) {
            throw new IllegalStateException("an empty accumulator has no aggregate for window " + window);
        }
        Map<Metric, MetricStats> metricStats = new EnumMap<>(Metric.class);
        for (int i = 0; i < METRICS; i++) {
            int slot = 3 * i;
            metricStats.put(METRIC_ORDER[i], new MetricStats(stats[slot + MIN], stats[slot + MAX], stats[slot + SUM]));
        }
        return new WindowAggregate(sourceId, window, customerId, siteId, eventType, eventCount, metricStats,
                new StatusCounts(statusCounts[0], statusCounts[1], statusCounts[2], statusCounts[3]),
                motionCount, firstEventTimeMillis, lastEventTimeMillis);
    }

    /** Writes the state compactly, for engines that keep it in checkpoints. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(SERIAL_VERSION);
        out.writeLong(eventCount);
        if (eventCount == 0) {
            return;
        }
        // Per metric: min, max, sum — the order of the slots.
        for (double stat : stats) {
            out.writeDouble(stat);
        }
        for (long count : statusCounts) {
            out.writeLong(count);
        }
        out.writeLong(motionCount);
        out.writeLong(firstEventTimeMillis);
        out.writeLong(lastEventTimeMillis);
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
        acc.eventCount = in.readLong();
        if (acc.eventCount == 0) {
            return acc;
        }
        for (int slot = 0; slot < acc.stats.length; slot++) {
            acc.stats[slot] = in.readDouble();
        }
        for (int s = 0; s < acc.statusCounts.length; s++) {
            acc.statusCounts[s] = in.readLong();
        }
        acc.motionCount = in.readLong();
        acc.firstEventTimeMillis = in.readLong();
        acc.lastEventTimeMillis = in.readLong();
        acc.sourceId = new SourceId(in.readUTF());
        acc.sourceIndex = acc.sourceId.index();
        acc.eventType = in.readUTF();
        acc.customerId = in.readUTF();
        acc.siteId = in.readUTF();
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

    /** Whether an event with these fields names the window instead of the one named so far. */
    private boolean isBefore(long time, String type, String customer, String site) {
        if (time != firstEventTimeMillis) {
            return time < firstEventTimeMillis;
        }
        int byType = type.compareTo(eventType);
        if (byType != 0) {
            return byType < 0;
        }
        int byCustomer = customer.compareTo(customerId);
        return byCustomer != 0 ? byCustomer < 0 : site.compareTo(siteId) < 0;
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
        return eventCount == other.eventCount && motionCount == other.motionCount
                && firstEventTimeMillis == other.firstEventTimeMillis && lastEventTimeMillis == other.lastEventTimeMillis
                && Arrays.equals(stats, other.stats)
                && Arrays.equals(statusCounts, other.statusCounts) && Objects.equals(sourceId, other.sourceId)
                && Objects.equals(eventType, other.eventType) && Objects.equals(customerId, other.customerId)
                && Objects.equals(siteId, other.siteId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(eventCount) * 31 + Objects.hashCode(sourceId);
    }

    @Override
    public String toString() {
        return "WindowAccumulator{" + sourceId + ", events=" + eventCount + "}";
    }
}
