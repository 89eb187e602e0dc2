package dev.brook.adapters.pulsar;

import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.admin.TopicPolicies;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event topic through Pulsar's admin API, idempotently: partitions, retention (the spec: 7
 * days) and the registered {@code EventBatch} schema, so consumers can start before any producer has run.
 */
public final class PulsarTopicAdmin implements AutoCloseable {

    /** The spec's retention. */
    public static final Duration SPEC_RETENTION = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(PulsarTopicAdmin.class);
    /** Topic policies live in a system topic the broker creates lazily: the first writes may be refused for a while. */
    private static final Duration POLICY_RETRY_WINDOW = Duration.ofSeconds(30);

    private final PulsarConnection connection;
    private final PulsarAdmin admin;

    public PulsarTopicAdmin(PulsarConnection connection) {
        this(connection, Duration.ofSeconds(15));
    }

    public PulsarTopicAdmin(PulsarConnection connection, Duration timeout) {
        this.connection = connection;
        int millis = (int) timeout.toMillis();
        try {
            this.admin = PulsarAdmin.builder()
                    .serviceHttpUrl(connection.adminUrl())
                    .connectionTimeout(millis, TimeUnit.MILLISECONDS)
                    .readTimeout(millis, TimeUnit.MILLISECONDS)
                    .requestTimeout(millis, TimeUnit.MILLISECONDS)
                    .build();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot create a Pulsar admin client for " + connection.adminUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@link #ensureTopic(String, int, Duration)} with the spec's 7-day retention. */
    public void ensureTopic(String topic, int partitions) {
        ensureTopic(topic, partitions, SPEC_RETENTION);
    }

    /**
     * Makes sure the topic exists with this many partitions ({@code 0} = a non-partitioned topic), this
     * retention (time-bounded, no size bound), deduplication and the {@code EventBatch} schema. Safe to repeat.
     *
     * @throws IllegalStateException when the topic exists with another partition count (changing it would
     *                               move sources to other partitions and break their order), or the admin
     *                               API fails; the message names the admin URL and the topic
     */
    public void ensureTopic(String topic, int partitions, Duration retention) {
        setUp(topic, partitions, retention, "topic", full -> {
            // A producer resends what it has not seen acknowledged when its connection drops; the broker may
            // have stored it already. With deduplication it drops such a resend by its sequence id.
            setPolicy(full, policies -> policies.setDeduplicationStatus(full, true));
            admin.schemas().createSchema(full, EventBatchSchema.INFO);
            LOG.info("Topic {} ready: {} partition(s), retention {}, deduplication, schema EventBatch", full, partitions, retention);
        });
    }

    /**
     * Makes sure a dead-letter topic exists: not partitioned, no schema (a letter's payload is whatever arrived),
     * and kept for {@code retention} whether or not anyone subscribed. Safe to repeat.
     */
    public void ensureDeadLetterTopic(String topic, Duration retention) {
        setUp(topic, 0, retention, "dead-letter topic", full -> { });
    }

    /** Creates the topic if missing (checking its partitions), sets its retention, then the rest of its set-up. */
    private void setUp(String topic, int partitions, Duration retention, String kind, SetUpStep rest) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions " + partitions + " must be ≥ 0 (0 = a non-partitioned topic)");
        }
        if (retention.isNegative() || retention.toMinutes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("retention " + retention + " must be ≥ 0 minutes and fit Pulsar's minute count");
        }
        // The admin API lists topics by their full names: a short name must be compared as one.
        String full = fullName(topic);
        try {
            createIfMissing(full, partitions, 3);
            RetentionPolicies timeBounded = new RetentionPolicies((int) retention.toMinutes(), -1);
            setPolicy(full, policies -> policies.setRetention(full, timeBounded));
            rest.apply(full);
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("Pulsar admin at " + connection.adminUrl() + " could not set up " + kind + " " + full
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up " + kind + " " + full, e);
        }
    }

    @FunctionalInterface
    private interface SetUpStep {
        void apply(String fullTopic) throws PulsarAdminException, InterruptedException;
    }

    /** The partition count of the topic: 0 for a non-partitioned one. */
    public int partitionsOf(String topic) {
        try {
            return admin.topics().getPartitionedTopicMetadata(topic).partitions;
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("Pulsar admin at " + connection.adminUrl() + " cannot read topic " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    /** The retention set on the topic itself, or zero when none is. */
    public Duration retentionOf(String topic) {
        try {
            RetentionPolicies retention = admin.topicPolicies().getRetention(topic);
            return retention == null ? Duration.ZERO : Duration.ofMinutes(retention.getRetentionTimeInMinutes());
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("Pulsar admin at " + connection.adminUrl() + " cannot read the retention of "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    /** Whether the topic itself has deduplication on (false when it has no such policy). */
    public boolean deduplicates(String topic) {
        try {
            return Boolean.TRUE.equals(admin.topicPolicies().getDeduplicationStatus(topic));
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("Pulsar admin at " + connection.adminUrl() + " cannot read the deduplication of "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    /** The schema registered on the topic. */
    public SchemaInfo schemaOf(String topic) {
        try {
            return admin.schemas().getSchemaInfo(topic);
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("Pulsar admin at " + connection.adminUrl() + " cannot read the schema of "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    private void createIfMissing(String topic, int partitions, int attemptsLeft) throws PulsarAdminException {
        String namespace = namespaceOf(topic);
        int existing;
        if (admin.topics().getPartitionedTopicList(namespace).contains(topic)) {
            existing = admin.topics().getPartitionedTopicMetadata(topic).partitions;
        } else if (admin.topics().getList(namespace).contains(topic)) {
            existing = 0;
        } else {
            try {
                if (partitions == 0) {
                    admin.topics().createNonPartitionedTopic(topic);
                } else {
                    admin.topics().createPartitionedTopic(topic, partitions);
                }
                return;
            } catch (PulsarAdminException.ConflictException raced) {
                if (attemptsLeft <= 1) {
                    throw raced;
                }
                // Created meanwhile by someone else: fine if it has our shape, which the next round checks.
                createIfMissing(topic, partitions, attemptsLeft - 1);
                return;
            }
        }
        if (existing != partitions) {
            throw new IllegalStateException("topic " + topic + " exists with " + existing + " partition(s), not "
                    + partitions + ": use that count, or delete the topic first");
        }
    }

    /** A topic policy, set again while the broker is not ready for it yet (a topic created a moment ago). */
    private void setPolicy(String topic, PolicyUpdate update) throws PulsarAdminException, InterruptedException {
        long deadline = System.nanoTime() + POLICY_RETRY_WINDOW.toNanos();
        while (true) {
            try {
                update.apply(admin.topicPolicies());
                return;
            } catch (PulsarAdminException e) {
                if (System.nanoTime() > deadline || e.getStatusCode() < 500 && e.getStatusCode() != 405
                        && e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                    throw e;
                }
                LOG.debug("Topic policies of {} not ready yet ({}); retrying", topic, e.getMessage());
                Thread.sleep(200);
            }
        }
    }

    @FunctionalInterface
    private interface PolicyUpdate {
        void apply(TopicPolicies policies) throws PulsarAdminException;
    }

    /** The tenant/namespace of a name made by {@link #fullName}. */
    private static String namespaceOf(String fullTopic) {
        String[] parts = pathOf(fullTopic).split("/");
        return parts[0] + "/" + parts[1];
    }

    /** {@code name} → {@code persistent://public/default/name}, as Pulsar reads a short name; a full name as it is. */
    private static String fullName(String topic) {
        String full = topic.contains("://") ? topic : "persistent://public/default/" + topic;
        if (pathOf(full).split("/").length != 3) {
            throw new IllegalArgumentException("topic " + topic + " must look like persistent://tenant/namespace/name");
        }
        return full;
    }

    private static String pathOf(String fullTopic) {
        return fullTopic.substring(fullTopic.indexOf("://") + 3);
    }
}
