package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.SourceId;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The accumulators of one window for many sources: each source's numbers are one row of a single array,
 * found by source index in an open-addressing table of ints.
 *
 * <p>Why not a map of {@link WindowAccumulator}s: a step that pre-aggregates a stream adds every event to one
 * of thousands of accumulators, in no order, so each add reads one from memory. A map entry, an accumulator
 * object and its array lie apart, a cache miss each; here the lookup reads one pair of ints and the add one
 * contiguous row. Adding events here equals adding them to one accumulator per source (tested), and
 * {@link #forEach} hands out exactly those accumulators.
 *
 * <p>Not thread-safe.
 */
public final class AccumulatorTable {

    private static final int INITIAL_ROWS = 256;

    /** Per slot: source index + 1 (0 = free), then its row. */
    private int[] slots = new int[INITIAL_ROWS * 4];
    private double[] rows = new double[INITIAL_ROWS * AccumulatorRow.LENGTH];
    /** The source of each row, by index: its {@code SourceId} is made when the row is handed out. */
    private int[] sourceIndexes = new int[INITIAL_ROWS];
    /** The identity each row's earliest event gives it (see {@link WindowAccumulator}). */
    private String[] eventTypes = new String[INITIAL_ROWS];
    private String[] customerIds = new String[INITIAL_ROWS];
    private String[] siteIds = new String[INITIAL_ROWS];
    private int size;

    /** Adds the event to its source's accumulator. */
    public void add(Event event) {
        int row = rowOf(event.sourceId().index());
        AccumulatorRow.add(rows, row * AccumulatorRow.LENGTH, event);
        takeIdentityIfEarliest(row, event);
    }

    /** Adds event {@code i} of the columns to its source's accumulator: the same as adding {@code events.event(i)}. */
    public void add(EventColumns events, int i) {
        int row = rowOf(events.sourceIndex(i));
        int base = row * AccumulatorRow.LENGTH;
        AccumulatorRow.add(rows, base, events, i);
        // Only an event at or before the row's earliest can name it: read its ids then, not for every event.
        if (events.eventTimeMillis(i) <= rows[base + AccumulatorRow.FIRST_TIME]) {
            takeIdentityIfEarliest(row, events.event(i));
        }
    }

    private void takeIdentityIfEarliest(int row, Event event) {
        int base = row * AccumulatorRow.LENGTH;
        long time = event.eventTimeMillis();
        if (AccumulatorRow.isBefore(time, event.eventType(), event.customerId(), event.siteId(),
                rows[base + AccumulatorRow.FIRST_TIME], eventTypes[row], customerIds[row], siteIds[row])) {
            rows[base + AccumulatorRow.FIRST_TIME] = time;
            eventTypes[row] = event.eventType();
            customerIds[row] = event.customerId();
            siteIds[row] = event.siteId();
        }
    }

    /** How many sources have an accumulator here. */
    public int size() {
        return size;
    }

    /** Hands out each source's accumulator once, in the order the sources first appeared; each is a copy. */
    public void forEach(Consumer<WindowAccumulator> action) {
        for (int row = 0; row < size; row++) {
            action.accept(WindowAccumulator.ofRow(rows, row * AccumulatorRow.LENGTH, SourceId.ofIndex(sourceIndexes[row]), eventTypes[row],
                    customerIds[row], siteIds[row]));
        }
    }

    private int rowOf(int sourceIndex) {
        int key = sourceIndex + 1;
        int mask = slots.length / 2 - 1;
        for (int slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int found = slots[2 * slot];
            if (found == key) {
                return slots[2 * slot + 1];
            }
            if (found == 0) {
                int row = newRow(sourceIndex);
                slots[2 * slot] = key;
                slots[2 * slot + 1] = row;
                if (size * 2 > slots.length / 2) {
                    growSlots();
                }
                return row;
            }
        }
    }

    private int newRow(int sourceIndex) {
        if (size == sourceIndexes.length) {
            int capacity = size * 2;
            rows = Arrays.copyOf(rows, capacity * AccumulatorRow.LENGTH);
            sourceIndexes = Arrays.copyOf(sourceIndexes, capacity);
            eventTypes = Arrays.copyOf(eventTypes, capacity);
            customerIds = Arrays.copyOf(customerIds, capacity);
            siteIds = Arrays.copyOf(siteIds, capacity);
        }
        int row = size++;
        AccumulatorRow.clear(rows, row * AccumulatorRow.LENGTH);
        sourceIndexes[row] = sourceIndex;
        return row;
    }

    private void growSlots() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int slot = slotOf(old[i], mask);
                while (slots[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[2 * slot] = old[i];
                slots[2 * slot + 1] = old[i + 1];
            }
        }
    }

    /** Fibonacci hashing: neighbouring indexes (a partition's sources) spread over the table. */
    private static int slotOf(int key, int mask) {
        int mixed = key * 0x9E3779B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }
}
