package dev.brook.adapters.flink;

/**
 * Where a new subscription starts reading the topic. A restored job continues from its checkpoint; a job started
 * without one on an existing subscription, from the subscription's first unacknowledged message.
 */
public enum StartPosition {
    /** The oldest retained message: nothing published before the job started is missed. */
    EARLIEST,
    /** Only messages published after the subscription is created. */
    LATEST
}
