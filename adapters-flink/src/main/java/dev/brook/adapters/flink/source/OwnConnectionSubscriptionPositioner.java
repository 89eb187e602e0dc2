package dev.brook.adapters.flink.source;

import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;

/**
 * Positions the subscription with the connector's own start cursor, one partition at a time and each on a
 * client of its own: when the client closes its connection behind a consumer closed right after its seek
 * (see {@link StartRaceTolerantPulsarSource}), no other partition's request travels on that connection.
 * A failed attempt is retried with growing pauses.
 */
public final class OwnConnectionSubscriptionPositioner implements SubscriptionPositioner {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OwnConnectionSubscriptionPositioner.class);
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private final String serviceUrl;
    private final String subscription;
    private final StartCursor startCursor;

    public OwnConnectionSubscriptionPositioner(String serviceUrl, String subscription, StartCursor startCursor) {
        this.serviceUrl = serviceUrl;
        this.subscription = subscription;
        this.startCursor = startCursor;
    }

    @Override
    public void position(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            positionWithRetries(partition);
        }
    }

    private void positionWithRetries(TopicPartition partition) {
        long pause = FIRST_PAUSE.toMillis();
        for (int attempt = 1; ; attempt++) {
            try (PulsarClient client = PulsarClient.builder().serviceUrl(serviceUrl).build()) {
                startCursor.position(partition.getTopic(), partition.getPartitionId())
                        .setupSubPosition(client, partition.getFullTopicName(), subscription);
                return;
            } catch (PulsarClientException e) {
                if (attempt == ATTEMPTS) {
                    throw new FlinkRuntimeException("could not put subscription '" + subscription + "' at its start position on "
                            + partition.getFullTopicName() + " (broker " + serviceUrl + ") in " + ATTEMPTS + " attempts: "
                            + e.getMessage() + ". Check that the broker is reachable and the topic exists", e);
                }
                LOG.warn("Positioning subscription '{}' on {} failed (attempt {} of {}), retrying in {} ms: {}", subscription,
                        partition.getFullTopicName(), attempt, ATTEMPTS, pause, e.toString());
                sleep(pause);
                pause *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRuntimeException("interrupted while positioning a Pulsar subscription", e);
        }
    }
}
