package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;

import java.util.function.Consumer;

/**
 * The open partial accumulators of one window, by source index ({@code source-0001234} → 1234): an
 * open-addressing table of plain ints. The combiner looks one up for every event among thousands; a
 * {@code HashMap<String, …>} chases a node, the key string and its characters first, each a cache miss at
 * that size, where this reads one int slot.
 */
final class PartialsBySource {

    private static final int INITIAL_CAPACITY = 1 << 10;

    /** Source index + 1; 0 marks a free slot. */
    private int[] keys = new int[INITIAL_CAPACITY];
    private WindowAccumulator[] values = new WindowAccumulator[INITIAL_CAPACITY];
    private int size;

    /** The source's accumulator, created empty on first use. */
    WindowAccumulator accumulatorOf(int sourceIndex) {
        int key = sourceIndex + 1;
        int mask = keys.length - 1;
        for (int slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int found = keys[slot];
            if (found == key) {
                return values[slot];
            }
            if (found == 0) {
                WindowAccumulator created = new WindowAccumulator();
                keys[slot] = key;
                values[slot] = created;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return created;
            }
        }
    }

    int size() {
        return size;
    }

    void forEach(Consumer<WindowAccumulator> action) {
        for (WindowAccumulator value : values) {
            if (value != null) {
                action.accept(value);
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        WindowAccumulator[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new WindowAccumulator[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slotOf(oldKeys[i], mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** Fibonacci hashing: neighbouring indexes (a partition's sources) spread over the table. */
    private static int slotOf(int key, int mask) {
        int mixed = key * 0x9E3779B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }
}
