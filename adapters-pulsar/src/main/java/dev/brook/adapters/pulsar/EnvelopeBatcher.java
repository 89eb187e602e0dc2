package dev.brook.adapters.pulsar;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.SourceId;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups events into envelopes, one open envelope per target partition: an envelope is complete when it
 * holds {@code maxEvents} events, or is drained when its first event is old enough or on flush. Events keep
 * their arrival order within an envelope, and a source always maps to one partition, so per-source order
 * holds end to end. Not thread-safe: the publisher guards it with its lock.
 */
final class EnvelopeBatcher {

    /** One Pulsar message to be: events bound for one partition, keyed by the first event's source. */
    record Envelope(int partition, List<Event> events) {

        Envelope {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an envelope holds at least one event");
            }
        }

        SourceId key() {
            return events.get(0).sourceId();
        }
    }

    private final int partitions;
    private final int maxEvents;
    private final List<Event>[] open;
    private final long[] openedAtNanos;
    private int buffered;

    @SuppressWarnings("unchecked")
    EnvelopeBatcher(int partitions, int maxEvents) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partition count " + partitions + " must be ≥ 1");
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("max events per envelope " + maxEvents + " must be ≥ 1");
        }
        this.partitions = partitions;
        this.maxEvents = maxEvents;
        this.open = new List[partitions];
        this.openedAtNanos = new long[partitions];
    }

    /** Adds an event; returns the envelope it completed, or {@code null}. */
    Envelope add(Event event, long nowNanos) {
        int partition = SourcePartitioner.partitionOf(event.sourceId(), partitions);
        List<Event> events = open[partition];
        if (events == null) {
            events = new ArrayList<>(Math.min(maxEvents, 1024));
            open[partition] = events;
            openedAtNanos[partition] = nowNanos;
        }
        events.add(event);
        buffered++;
        return events.size() >= maxEvents ? take(partition) : null;
    }

    /** Takes every open envelope whose first event arrived at least {@code minAgeNanos} ago. */
    List<Envelope> drainOlderThan(long nowNanos, long minAgeNanos) {
        List<Envelope> due = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (open[p] != null && nowNanos - openedAtNanos[p] >= minAgeNanos) {
                due.add(take(p));
            }
        }
        return due;
    }

    /** Takes every open envelope. */
    List<Envelope> drainAll() {
        List<Envelope> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (open[p] != null) {
                all.add(take(p));
            }
        }
        return all;
    }

    /** Events added but not yet taken in an envelope. */
    int buffered() {
        return buffered;
    }

    int partitions() {
        return partitions;
    }

    private Envelope take(int partition) {
        List<Event> events = open[partition];
        open[partition] = null;
        buffered -= events.size();
        return new Envelope(partition, events);
    }
}
