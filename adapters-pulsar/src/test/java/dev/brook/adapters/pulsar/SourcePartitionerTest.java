package dev.brook.adapters.pulsar;

import dev.brook.core.domain.model.SourceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcePartitionerTest {

    @Test
    void aSourceAlwaysMapsToTheSamePartition() {
        SourceId source = SourceId.ofIndex(1234);
        int first = SourcePartitioner.partitionOf(source, 8);
        for (int i = 0; i < 10; i++) {
            assertThat(SourcePartitioner.partitionOf(new SourceId("source-0001234"), 8)).isEqualTo(first);
        }
        assertThat(SourcePartitioner.partitionOfKey("source-0001234", 8)).isEqualTo(first);
    }

    @Test
    void theMappingIsPinnedSoOtherComponentsCanRelyOnIt() {
        // Values of floorMod(fmix32(index), n): a change here moves every source to another partition.
        assertThat(SourcePartitioner.fmix32(0)).isZero();
        assertThat(SourcePartitioner.fmix32(1)).isEqualTo(0x514e28b7);
        assertThat(SourcePartitioner.partitionOf(SourceId.ofIndex(1), 4)).isEqualTo(Math.floorMod(0x514e28b7, 4));
    }

    @Test
    void consecutiveSourcesSpreadEvenlyOverPartitions() {
        int partitions = 4;
        int[] counts = new int[partitions];
        for (int i = 0; i < 10_000; i++) {
            counts[SourcePartitioner.partitionOf(SourceId.ofIndex(i), partitions)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(2_300, 2_700);
        }
    }

    @Test
    void oneOrNoPartitionsMeansPartitionZeroAndZeroIsRefused() {
        assertThat(SourcePartitioner.partitionOf(SourceId.ofIndex(99), 1)).isZero();
        assertThatThrownBy(() -> SourcePartitioner.partitionOf(SourceId.ofIndex(99), 0))
                .hasMessageContaining("partition count 0 must be ≥ 1");
    }
}
