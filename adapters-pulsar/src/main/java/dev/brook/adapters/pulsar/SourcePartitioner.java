package dev.brook.adapters.pulsar;

import dev.brook.core.domain.model.SourceId;

/**
 * Which partition a source's events go to: a fixed function of the source id and the partition count, so
 * a source always lands on the same partition and its events stay in order. Independent of the JVM and of
 * Pulsar's own key hashing: {@code floorMod(fmix32(index), partitions)}, with {@code index} the source's
 * number ({@code source-0001234} → 1234) and {@code fmix32} MurmurHash3's 32-bit finaliser, which spreads
 * consecutive ids evenly.
 */
public final class SourcePartitioner {

    private SourcePartitioner() {
    }

    public static int partitionOf(SourceId source, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partition count " + partitions + " must be ≥ 1");
        }
        return partitions == 1 ? 0 : Math.floorMod(fmix32(source.index()), partitions);
    }

    /** The partition of a message whose key is a source id (see {@link SourceKeyRouter}). */
    public static int partitionOfKey(String sourceIdKey, int partitions) {
        return partitionOf(new SourceId(sourceIdKey), partitions);
    }

    static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
