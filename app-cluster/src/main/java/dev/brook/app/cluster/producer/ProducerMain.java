package dev.brook.app.cluster.producer;

import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.port.out.PublishFailedException;
import dev.brook.core.domain.produce.EventProducer;
import dev.brook.core.domain.produce.ProduceSummary;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The producer's entry point on Kubernetes: settings from the environment (see {@link ProducerSettings}),
 * the publisher from Dagger, the loop from core-domain. Prints one progress line per second and a summary.
 * Exit codes: 0 done (count or duration reached), 1 publishing failed, 2 invalid settings (nothing was started).
 * Stopped by SIGTERM, it flushes and prints its summary (within {@link #drainOnStop}), and the JVM exits as it does on
 * that signal: 143.
 */
public final class ProducerMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID_SETTINGS = 2;
    /** With no send timeout, how long SIGTERM lets the loop flush. */
    private static final Duration DRAIN_WITHOUT_SEND_TIMEOUT = Duration.ofSeconds(30);
    /** After the last send has failed by its timeout: time to print the summary. */
    private static final Duration SUMMARY_MARGIN = Duration.ofSeconds(10);

    private ProducerMain() {
    }

    public static void main(String[] args) {
        Runtime runtime = Runtime.getRuntime();
        int code = run(System.getenv(), System.out, System.err, DaggerProducerComponent.factory(), runtime);
        if (!SignalStop.requested) {
            System.exit(code); // during a SIGTERM shutdown the JVM is exiting already; exit() would block
        }
    }

    /**
     * One producer run.
     *
     * @param runtime where to register the SIGTERM hook, or {@code null} for none (tests)
     * @return the exit code
     */
    static int run(Map<String, String> env, PrintStream out, PrintStream err, ProducerComponent.Factory components,
                   Runtime runtime) {
        ProducerSettings settings;
        try {
            settings = ProducerSettings.fromEnvironment(env, System.currentTimeMillis(), new SecureRandom().nextLong());
        } catch (IllegalArgumentException invalid) {
            err.println("brook producer: invalid setting: " + invalid.getMessage());
            return INVALID_SETTINGS;
        }
        out.printf("brook producer: %s at %s, rate %s, %,d sources, profile %s, seed %d, limit %s%n",
                settings.publisher().topic(), settings.connection().serviceUrl(), settings.produce().rate(),
                settings.produce().generator().sourceCount(), settings.produce().generator().profile().name(),
                settings.produce().generator().seed(), settings.produce().limit());
        ProducerComponent component = components.create(settings);
        EventPublisher publisher;
        try {
            publisher = component.publisher();
        } catch (PublishFailedException unreachable) {
            err.println("brook producer: " + unreachable.getMessage());
            return FAILED;
        }
        EventProducer producer = new EventProducer(settings.produce(), publisher, component.time(),
                progress -> out.println(progress.toLine()));
        CountDownLatch finished = new CountDownLatch(1);
        Duration drainOnStop = drainOnStop(settings.publisher());
        Thread hook = new Thread(() -> {
            SignalStop.requested = true;
            producer.stop();
            try {
                finished.await(drainOnStop.toMillis(), TimeUnit.MILLISECONDS); // let the loop flush and report
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "brook-producer-stop");
        if (runtime != null) {
            runtime.addShutdownHook(hook);
        }
        ProduceSummary summary;
        try {
            summary = producer.run();
        } finally {
            publisher.close();
        }
        out.println(summary.toLine());
        if (!summary.succeeded()) {
            err.println("brook producer: " + summary.failure().orElse("publishing failed"));
        }
        finished.countDown();
        if (runtime != null && !SignalStop.requested) {
            runtime.removeShutdownHook(hook);
        }
        return summary.succeeded() ? OK : FAILED;
    }

    /**
     * How long SIGTERM lets the loop flush and print its summary: every send in flight has ended by its timeout then,
     * even with the broker gone. On Kubernetes the pod's {@code terminationGracePeriodSeconds} must be longer (its
     * default, 30 s, is the default send timeout alone), or the summary is cut off.
     */
    static Duration drainOnStop(PulsarPublisherSettings publisher) {
        return publisher.sendTimeout().isZero() ? DRAIN_WITHOUT_SEND_TIMEOUT : publisher.sendTimeout().plus(SUMMARY_MARGIN);
    }

    /** Set by the shutdown hook: the run ends because the JVM is stopping (SIGTERM, Ctrl-C). */
    private static final class SignalStop {
        static volatile boolean requested;
    }
}
