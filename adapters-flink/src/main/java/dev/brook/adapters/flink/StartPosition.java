package dev.brook.adapters.flink;

/** Where a new subscription starts reading the topic; a restored job always continues from its checkpoint. */
public enum StartPosition {
    /** The oldest retained message: nothing published before the job started is missed. */
    EARLIEST,
    /** Only messages published after the subscription is created. */
    LATEST
}
