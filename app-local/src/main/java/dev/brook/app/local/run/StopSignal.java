package dev.brook.app.local.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM, turned into an orderly stop: the first asks the run to stop producing,
 * drain and store every window; the second asks it to hurry (stop with a savepoint, open windows kept for
 * the next run); the third exits at once.
 *
 * <p>Signals are caught (not left to shutdown hooks) so that the run finishes its work on the main thread
 * and exits 0 with a summary.
 */
public final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch hurry = new CountDownLatch(1);
    private final java.util.List<Runnable> onStop = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A stop signal that only {@link #requestStop()} triggers (tests, limits). */
    public StopSignal() {
    }

    /** Catches SIGINT and SIGTERM for this run. */
    public static StopSignal installed(java.io.PrintStream out) {
        StopSignal signal = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> signal.onSignal(out));
            } catch (IllegalArgumentException unavailable) {
                LOG.warn("cannot catch SIG{} here: {}", name, unavailable.getMessage());
            }
        }
        return signal;
    }

    private void onSignal(java.io.PrintStream out) {
        switch (received.incrementAndGet()) {
            case 1 -> {
                out.println();
                out.println("stopping: producer stops, the job drains and stores every window (Ctrl-C again to skip the drain)");
                requestStop();
            }
            case 2 -> {
                out.println("hurrying: stopping with a savepoint; open windows continue in the next run (Ctrl-C again to quit at once)");
                hurry.countDown();
            }
            default -> {
                out.println("quitting at once; the next run resumes from the last checkpoint");
                Runtime.getRuntime().halt(130);
            }
        }
    }

    public void requestStop() {
        if (stop.getCount() > 0) {
            stop.countDown();
            onStop.forEach(Runnable::run);
        }
    }

    public void requestHurry() {
        requestStop();
        hurry.countDown();
    }

    /** Runs the action when a stop is requested (at once if it already was). */
    public void onStop(Runnable action) {
        onStop.add(action);
        if (stopRequested()) {
            action.run();
        }
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    public boolean hurryRequested() {
        return hurry.getCount() == 0;
    }

    /** Waits up to the timeout for a stop; true when one was requested. */
    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stop.await(timeout, unit);
    }
}
