package dev.brook.app.local.run;

import dev.brook.adapters.pulsar.PulsarConnection;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * The job's subscription on the topic, moved by the app between runs. A run that ended cleanly has
 * stored every window of what it published, and a job cannot resume from a drained savepoint (Flink
 * finishes it at once); so the next job starts fresh, and its subscription must start right after
 * everything earlier runs published, or it would read old events again and rewrite their windows with
 * partial counts.
 */
final class SubscriptionCursor implements AutoCloseable {

    private final PulsarAdmin admin;
    private final String adminUrl;

    SubscriptionCursor(PulsarConnection connection) {
        this.adminUrl = connection.adminUrl();
        try {
            this.admin = PulsarAdmin.builder().serviceHttpUrl(connection.adminUrl()).build();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot create a Pulsar admin client for " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    /** Puts the subscription after the topic's last message, creating it there if it does not exist yet. */
    void moveToEnd(String topic, String subscription) {
        try {
            if (admin.topics().getSubscriptions(topic).contains(subscription)) {
                admin.topics().skipAllMessages(topic, subscription);
            } else {
                admin.topics().createSubscription(topic, subscription, MessageId.latest);
            }
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("cannot move subscription " + subscription + " of " + topic + " to the end ("
                    + adminUrl + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
