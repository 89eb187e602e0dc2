package dev.brook.adapters.flink.source;

import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;

import java.io.Serializable;
import java.util.Collection;

/** Puts the job's subscription on each partition at its start position, before any reader reads. */
@FunctionalInterface
public interface SubscriptionPositioner extends Serializable {

    void position(Collection<TopicPartition> partitions);
}
