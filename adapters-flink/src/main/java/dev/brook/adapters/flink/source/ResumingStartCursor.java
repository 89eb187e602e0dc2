package dev.brook.adapters.flink.source;

import org.apache.flink.connector.pulsar.source.enumerator.cursor.CursorPosition;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.apache.pulsar.common.policies.data.ManagedLedgerInternalStats.CursorStats;

import java.util.Optional;

/**
 * Where the job's subscription starts on a partition when the job starts without a checkpoint: an existing
 * subscription goes on from the first message it has not acknowledged, a new one starts at the configured
 * position.
 *
 * <p>The connector seeks every partition to its start cursor on each such start, existing subscription or not
 * ({@code CursorPosition.setupSubPosition}; the documented {@code pulsar.source.resetSubscriptionCursor} is read
 * nowhere in connector 4.1.0). With a plain earliest or latest cursor, a job redeployed without a savepoint
 * would re-read all the topic retains, rewriting stored windows from part of their events, or skip what was
 * published while it was down. The source acknowledges cumulatively at each completed checkpoint, so the
 * subscription's mark-delete position is where the last checkpoint's reads end.
 */
public final class ResumingStartCursor implements StartCursor {

    private static final long serialVersionUID = 1L;

    private final String adminUrl;
    private final String subscription;
    private final StartCursor forNewSubscription;

    public ResumingStartCursor(String adminUrl, String subscription, StartCursor forNewSubscription) {
        this.adminUrl = adminUrl;
        this.subscription = subscription;
        this.forNewSubscription = forNewSubscription;
    }

    @Override
    public CursorPosition position(String topic, int partitionId) {
        String partition = new TopicPartition(topic, partitionId).getFullTopicName();
        return markDeletePosition(partition)
                .map(markDeleted -> new CursorPosition(firstAfter(markDeleted, partitionId), true))
                .orElseGet(() -> forNewSubscription.position(topic, partitionId));
    }

    private Optional<String> markDeletePosition(String partition) {
        try (PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(adminUrl).build()) {
            CursorStats cursor = admin.topics().getInternalStats(partition).cursors.get(subscription);
            return Optional.ofNullable(cursor).map(stats -> stats.markDeletePosition);
        } catch (PulsarAdminException.NotFoundException e) {
            return Optional.empty(); // no such topic yet: the subscription is new wherever it is created
        } catch (PulsarClientException | PulsarAdminException e) {
            throw new FlinkRuntimeException("could not read where subscription '" + subscription + "' stands on " + partition
                    + " (admin " + adminUrl + "): " + e.getMessage() + ". Check that the admin URL is right and reachable", e);
        }
    }

    /**
     * The first entry after a mark-delete position {@code ledger:entry}. An entry past the ledger's end is fine:
     * the broker moves a seek there on to the next ledger's first entry.
     */
    static MessageId firstAfter(String markDeletePosition, int partitionId) {
        String[] parts = markDeletePosition.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("mark-delete position '" + markDeletePosition + "' is not ledger:entry");
        }
        try {
            return new MessageIdImpl(Long.parseLong(parts[0]), Long.parseLong(parts[1]) + 1, partitionId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mark-delete position '" + markDeletePosition + "' is not ledger:entry", e);
        }
    }

    @Override
    public String toString() {
        return "where subscription '" + subscription + "' stands, or " + forNewSubscription + " for a new one";
    }
}
