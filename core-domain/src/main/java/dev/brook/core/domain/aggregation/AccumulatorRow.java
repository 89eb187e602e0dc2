package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;

/**
 * The numbers of one (source, window) as a row of doubles, and the arithmetic on them: the one place both
 * {@link WindowAccumulator} (a row of its own) and {@link AccumulatorTable} (the rows of many sources in one
 * array) fold events and merge. One row is one contiguous block of memory, fetched in sequence.
 *
 * <p>Counts and epoch milliseconds are held as doubles too: exact below 2^53, far above any count one
 * window can reach and any event time (which ends with 2298, 1.0e13 ms).
 */
final class AccumulatorRow {

    static final int METRICS = Metric.count();
    static final int STATUSES = EventStatus.values().length;

    static final int COUNT = 0;
    static final int FIRST_TIME = 1;
    static final int LAST_TIME = 2;
    static final int MOTION = 3;
    static final int STATUS = 4;
    /** Min, max and sum of metric i at {@code STATS + 3i + MIN/MAX/SUM}: per metric, the checkpoint's order. */
    static final int STATS = STATUS + STATUSES;
    static final int MIN = 0;
    static final int MAX = 1;
    static final int SUM = 2;
    static final int LENGTH = STATS + 3 * METRICS;

    /** Counts above this would no longer be exact as doubles. */
    static final long MAX_EXACT_COUNT = 1L << 53;

    private static final Metric[] METRIC_ORDER = Metric.all();

    private AccumulatorRow() {
    }

    /** Makes the row empty: no events, times and extremes at ±infinity so that any value replaces them. */
    static void clear(double[] row, int base) {
        java.util.Arrays.fill(row, base, base + LENGTH, 0.0);
        row[base + FIRST_TIME] = Double.POSITIVE_INFINITY;
        row[base + LAST_TIME] = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < METRICS; i++) {
            // ±infinity, not Double.MIN_VALUE (the smallest positive double), keeps negative maxima right.
            row[base + STATS + 3 * i + MIN] = Double.POSITIVE_INFINITY;
            row[base + STATS + 3 * i + MAX] = Double.NEGATIVE_INFINITY;
        }
    }

    /** Folds the event's numbers in; the earliest time goes with the identity, so the caller sets it. */
    static void add(double[] row, int base, Event event) {
        for (int i = 0; i < METRICS; i++) {
            addMetric(row, base, i, METRIC_ORDER[i].valueOf(event));
        }
        addCounts(row, base, event.status().ordinal(), event.motionDetected(), event.eventTimeMillis());
    }

    /** As {@link #add(double[], int, Event)}, for event {@code i} of the columns. */
    static void add(double[] row, int base, EventColumns events, int i) {
        for (int m = 0; m < METRICS; m++) {
            addMetric(row, base, m, events.metric(i, m));
        }
        addCounts(row, base, events.status(i).ordinal(), events.motionDetected(i), events.eventTimeMillis(i));
    }

    private static void addMetric(double[] row, int base, int metric, double value) {
        // Math.min/max as in merge: they order -0.0 below 0.0, where '<' calls them equal and would let
        // arrival order decide which zero is kept.
        int slot = base + STATS + 3 * metric;
        row[slot + MIN] = Math.min(row[slot + MIN], value);
        row[slot + MAX] = Math.max(row[slot + MAX], value);
        row[slot + SUM] += value;
    }

    private static void addCounts(double[] row, int base, int statusOrdinal, boolean motion, long eventTimeMillis) {
        row[base + COUNT] += 1;
        row[base + STATUS + statusOrdinal] += 1;
        if (motion) {
            row[base + MOTION] += 1;
        }
        double time = eventTimeMillis;
        if (time > row[base + LAST_TIME]) {
            row[base + LAST_TIME] = time;
        }
    }

    /** Folds another row's numbers in; as in {@link #add}, the earliest time is the caller's. */
    static void merge(double[] row, int base, double[] other, int otherBase) {
        row[base + COUNT] += other[otherBase + COUNT];
        for (int i = 0; i < METRICS; i++) {
            int slot = base + STATS + 3 * i;
            int otherSlot = otherBase + STATS + 3 * i;
            row[slot + MIN] = Math.min(row[slot + MIN], other[otherSlot + MIN]);
            row[slot + MAX] = Math.max(row[slot + MAX], other[otherSlot + MAX]);
            row[slot + SUM] += other[otherSlot + SUM];
        }
        for (int s = 0; s < STATUSES; s++) {
            row[base + STATUS + s] += other[otherBase + STATUS + s];
        }
        row[base + MOTION] += other[otherBase + MOTION];
        row[base + LAST_TIME] = Math.max(row[base + LAST_TIME], other[otherBase + LAST_TIME]);
    }

    /**
     * Whether an event with these fields names the window instead of the one named so far: the earliest
     * time, ties broken by the smallest event type, then customer, then site, so arrival order never decides.
     */
    static boolean isBefore(long time, String type, String customer, String site,
                            double firstTime, String firstType, String firstCustomer, String firstSite) {
        if (time != firstTime) {
            return time < firstTime;
        }
        int byType = type.compareTo(firstType);
        if (byType != 0) {
            return byType < 0;
        }
        int byCustomer = customer.compareTo(firstCustomer);
        return byCustomer != 0 ? byCustomer < 0 : site.compareTo(firstSite) < 0;
    }
}
