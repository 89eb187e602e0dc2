package dev.brook.adapters.pulsar;

import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageRouter;
import org.apache.pulsar.client.api.TopicMetadata;

/**
 * Routes an envelope by its key, a source id, with {@link SourcePartitioner} and the partition count the
 * publisher grouped envelopes for when it connected: every event of an envelope belongs to that partition.
 * The topic's own count is not used: when partitions are added while the publisher runs, the client learns the
 * new count, and routing by it would send an envelope's other sources, and part of a source's events, to
 * another partition. The new partitions take sources once the publisher reconnects.
 */
final class SourceKeyRouter implements MessageRouter {

    private static final long serialVersionUID = 1L;

    private final int partitions;

    SourceKeyRouter(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partition count " + partitions + " must be ≥ 1");
        }
        this.partitions = partitions;
    }

    @Override
    public int choosePartition(Message<?> message, TopicMetadata metadata) {
        if (!message.hasKey()) {
            throw new IllegalStateException("an envelope without a source-id key cannot be routed");
        }
        return SourcePartitioner.partitionOfKey(message.getKey(), partitions);
    }
}
