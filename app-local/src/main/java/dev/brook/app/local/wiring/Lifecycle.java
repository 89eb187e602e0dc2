package dev.brook.app.local.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the app started, closed in reverse order at the end: whatever starts later may depend on what
 * started earlier (the job on the broker and the store), so it stops first.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private record Resource(String name, AutoCloseable resource) {
    }

    private final Deque<Resource> started = new ArrayDeque<>();

    /** Registers a started resource; returns it. */
    public synchronized <T extends AutoCloseable> T closeAtEnd(String name, T resource) {
        started.push(new Resource(name, resource));
        return resource;
    }

    /** Closes everything, newest first; a failure is logged and the rest is still closed. */
    @Override
    public void close() {
        while (true) {
            Resource next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly: {}", next.name(), e.toString(), e);
            }
        }
    }
}
