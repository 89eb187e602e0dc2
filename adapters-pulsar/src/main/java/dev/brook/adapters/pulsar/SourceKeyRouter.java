package dev.brook.adapters.pulsar;

import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageRouter;
import org.apache.pulsar.client.api.TopicMetadata;

/**
 * Routes an envelope by its key, a source id, with {@link SourcePartitioner}: the partition the publisher
 * grouped its events for, since every event of an envelope maps to the same partition.
 */
final class SourceKeyRouter implements MessageRouter {

    private static final long serialVersionUID = 1L;

    @Override
    public int choosePartition(Message<?> message, TopicMetadata metadata) {
        if (!message.hasKey()) {
            throw new IllegalStateException("an envelope without a source-id key cannot be routed");
        }
        return SourcePartitioner.partitionOfKey(message.getKey(), metadata.numPartitions());
    }
}
