package dev.brook.app.local.run;

import dev.brook.adapters.flink.sink.SinkMetrics;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.app.local.dashboard.DashboardServer;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.app.local.status.PipelineCounters;
import dev.brook.app.local.status.StatusBoard;
import dev.brook.app.local.wiring.DataLayout;
import dev.brook.app.local.wiring.Lifecycle;
import dev.brook.app.local.wiring.LocalAppComponent;
import dev.brook.app.local.wiring.PipelineComponent;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.port.out.PublisherStats;
import dev.brook.core.domain.port.out.query.TimeRange;
import dev.brook.core.domain.produce.EventProducer;
import dev.brook.core.domain.produce.ProduceLimit;
import dev.brook.core.domain.produce.ProduceSettings;
import dev.brook.core.domain.produce.ProduceSummary;
import dev.brook.core.domain.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@code run}: the store, the broker, the job, the dashboard and the producer, in that order; then
 * drain, a final savepoint, and a summary checked against the store.
 */
public final class LocalRun {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
    /** Flink metric names of the job (adapters-flink registers them under the group "brook"). */
    static final String EVENTS_IN = "eventsIn";
    static final String AGGREGATES_OUT = "aggregatesOut";
    static final String LATE_EVENTS = "lateEvents";
    static final String LATE_EVENTS_AT_WINDOW = "lateEventsAtWindow";
    static final String MALFORMED_MESSAGES = "malformedMessages";
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    private final RunSettings settings;
    private final LocalAppComponent app;
    private final PipelineComponent pipeline;
    private final Lifecycle lifecycle;
    private final StopSignal stop;
    private final PrintStream out;
    private final TimeSource time = TimeSource.system();
    private final long startedAtMillis;

    public LocalRun(RunSettings settings, LocalAppComponent app, PipelineComponent pipeline, Lifecycle lifecycle,
                    StopSignal stop, PrintStream out) {
        this.settings = settings;
        this.app = app;
        this.pipeline = pipeline;
        this.lifecycle = lifecycle;
        this.stop = stop;
        this.out = out;
        // The user's "start" is the moment the command was typed: the JVM's start.
        this.startedAtMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public int execute() throws Exception {
        DataLayout layout = pipeline.layout();
        out.printf("Brook local run: rate %s, %,d sources, domain %s, seed %d, %s windows, %s; data in %s%n",
                settings.stream().rate(), settings.stream().sourceCount(), settings.stream().profile().name(),
                settings.stream().seed(), settings.windows().size(), describe(settings.limit()), layout.root());

        // The store first: chDB guards the JVM's signal handlers while nothing else runs yet.
        long began = time.nanoTime();
        AggregateQueries queries = app.queries();
        long windowsBefore = queries.countAggregates();
        out.printf("ClickHouse ready in %,d ms (%,d windows stored before this run)%n", millisSince(began), windowsBefore);

        began = time.nanoTime();
        PulsarConnection pulsar = pipeline.pulsar();
        EventPublisher publisher = pipeline.publisher();
        out.printf("Pulsar ready in %,d ms at %s, topic %s%n", millisSince(began), pulsar.serviceUrl(), layout.topic());

        RunState previous = RunState.read(layout.root());
        long startTime = previous.startTimeFor(settings.startTimeMillis(), time.currentTimeMillis(), settings.windows());
        GeneratorSettings generatorSettings = settings.stream().generatorSettings(startTime);
        Optional<String> resumeFrom = resumePoint(previous, layout);
        previous.started().write(layout.root());

        began = time.nanoTime();
        LocalJob job = LocalJob.start(pipeline.job(), resumeFrom);
        out.printf("Flink job running on a MiniCluster (submitted in %,d ms%s)%n", millisSince(began),
                resumeFrom.map(s -> ", resuming from " + s).orElse(""));

        StatusBoard board = new StatusBoard(300, time.currentTimeMillis());
        DashboardServer dashboard = lifecycle.closeAtEnd("dashboard", DashboardServer.start(settings.dashboardPort(), board, queries));
        out.println("dashboard: " + dashboard.uri());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("status-line"));
        lifecycle.closeAtEnd("status line", ticker::shutdownNow);
        EventProducer producer = new EventProducer(new ProduceSettings(generatorSettings, settings.stream().rate(),
                settings.limit()), publisher, time, progress -> { });
        stop.onStop(producer::stop);
        ticker.scheduleAtFixedRate(() -> {
            statusTick(board, publisher);
            if (job.hasEnded()) {
                producer.stop(); // the job failed for good: stop feeding it
            }
        }, 1, 1, TimeUnit.SECONDS);
        FirstRowWatch firstRow = new FirstRowWatch(queries, windowsBefore, time, 200);
        Thread watcher = daemon("first-row-watch").newThread(() -> {
            firstRow.run();
            firstRow.seenAtMillis().ifPresent(at -> out.printf(Locale.ROOT,
                    "first aggregate row visible in ClickHouse %.1f s after start%n", (at - startedAtMillis) / 1000.0));
        });
        watcher.start();
        lifecycle.closeAtEnd("first-row watch", watcher::interrupt);

        out.printf("producing from event time %s%s%n", Instant.ofEpochMilli(startTime),
                settings.limit() instanceof ProduceLimit.Count ? "" : " (Ctrl-C to stop)");
        long producingFromMillis = time.currentTimeMillis();
        ProduceSummary produced = producer.run();
        if (!produced.succeeded()) {
            job.cancel();
            throw new IllegalStateException("publishing failed: " + produced.failure().orElse("unknown reason"));
        }
        PublisherStats published = publisher.stats();
        out.printf(Locale.ROOT, "published %,d events in %.1f s (%,.0f events/s); draining the job%n",
                published.acknowledged(), produced.elapsedNanos() / 1e9, produced.eventsPerSecond());

        Optional<Throwable> failed = job.failure();
        if (failed.isPresent()) {
            throw new IllegalStateException("the Flink job failed: " + failed.get().getMessage(), failed.get());
        }
        boolean caughtUp = awaitCaughtUp(job, published.acknowledged());
        boolean drain = caughtUp && !stop.hurryRequested();
        began = time.nanoTime();
        String savepoint = job.stopWithSavepoint(drain, layout.savepoints(), STOP_TIMEOUT);
        out.printf("job stopped with savepoint in %,d ms (%s): %s%n", millisSince(began),
                drain ? "drained: every window stored" : "not drained: open windows continue in the next run", savepoint);
        TumblingWindows windows = settings.windows();
        long lastEventTime = produced.lastEventTimeMillis();
        // No event precedes the start time (the generator moves none before it).
        TimeRange thisRun = new TimeRange(windows.windowOf(startTime).startMillis(), windows.windowOf(lastEventTime).endMillis());
        // Recorded before the checkpoints go, so the next run resumes from the savepoint whatever happens after.
        new RunState(java.util.OptionalLong.of(drain ? thisRun.toMillis() : lastEventTime + 1), Optional.of(savepoint), false)
                .write(layout.root());
        new RetainedCheckpoints(layout.checkpoints()).discard();
        ticker.shutdownNow();
        out.println(board.record(counters(publisher)));

        firstRow.checkOnce();
        watcher.interrupt();
        return summarize(published, queries.totalEvents(thisRun), queries.countAggregates() - windowsBefore, drain,
                firstRow.seenAtMillis(), freshness(producingFromMillis - startTime),
                eventTimeSlipMillis(produced, producingFromMillis, startTime));
    }

    /**
     * {@link WindowFreshness} of this run, if its events' time followed the clock (a set rate, not {@code max}), with
     * how far behind the clock it was when producing began. A producer that falls short of the rate lets event time
     * slip further behind; the figures then err high, never low, by up to {@link #eventTimeSlipMillis}.
     */
    private Optional<WindowFreshness> freshness(long eventTimeBehindClockMillis) {
        if (Double.isInfinite(settings.stream().rate().eventsPerSecond())) {
            return Optional.empty();
        }
        return WindowFreshness.of(JobMetrics.LOCAL.values(SinkMetrics.WINDOW_STORED_LAG_MILLIS), eventTimeBehindClockMillis);
    }

    /** How much further event time fell behind the clock while producing than it was when producing began. */
    private static long eventTimeSlipMillis(ProduceSummary produced, long producingFromMillis, long startTime) {
        long behindAtEnd = producingFromMillis + produced.elapsedNanos() / 1_000_000 - produced.lastEventTimeMillis();
        return Math.max(0, behindAtEnd - (producingFromMillis - startTime));
    }

    private int summarize(PublisherStats published, long aggregated, long windowsWritten, boolean drained,
                          Optional<Long> firstRowAt, Optional<WindowFreshness> freshness, long eventTimeSlipMillis) {
        long late = JobMetrics.LOCAL.total(LATE_EVENTS) + JobMetrics.LOCAL.total(LATE_EVENTS_AT_WINDOW);
        long malformed = JobMetrics.LOCAL.total(MALFORMED_MESSAGES);
        out.println("summary:");
        out.printf("  events published   %,d%n", published.acknowledged());
        out.printf("  events aggregated  %,d (sum of event_count in ClickHouse over this run's windows)%n", aggregated);
        out.printf("  windows written    %,d%n", windowsWritten);
        out.printf("  late %,d, malformed messages %,d, failed sends %,d%n", late, malformed, published.failed());
        firstRowAt.ifPresentOrElse(
                at -> out.printf(Locale.ROOT, "  first aggregate row visible %.1f s after start%n", (at - startedAtMillis) / 1000.0),
                () -> out.println("  no aggregate row of this run reached ClickHouse"));
        freshness.ifPresentOrElse(f -> out.println("  " + f.describe(settings.maxOutOfOrderness())
                        + (eventTimeSlipMillis < 100 ? "" : String.format(Locale.ROOT, "; the producer fell %.1f s behind"
                                + " the rate, so these err high by up to that", eventTimeSlipMillis / 1000.0))),
                () -> out.println("  no freshness figure: event time follows the clock only at a set --rate, and no"
                        + " window closed before the end"));
        long expected = published.acknowledged() - late;
        if (!drained) {
            out.println("  (not drained: windows still open are in the savepoint and complete in the next run)");
            return 0;
        }
        if (aggregated == expected && malformed == 0 && published.failed() == 0) {
            out.println("  every published event is in exactly one stored window: published = aggregated"
                    + (late == 0 ? "" : " + late"));
            return 0;
        }
        out.printf("  MISMATCH: expected %,d events aggregated, ClickHouse holds %,d%n", expected, aggregated);
        return settings.limit() instanceof ProduceLimit.Count ? 1 : 0;
    }

    /**
     * Where the job starts: the savepoint the previous run stopped with (its read position in the topic, and
     * its open windows when it was not drained); after a run that died, that run's latest retained
     * checkpoint; on a fresh data dir, the start of the topic.
     */
    private Optional<String> resumePoint(RunState previous, DataLayout layout) throws Exception {
        if (previous.running()) {
            Optional<String> checkpoint = new RetainedCheckpoints(layout.checkpoints()).latest();
            out.println(checkpoint.map(c -> "the previous run did not end cleanly: resuming from its latest checkpoint")
                    .orElse("the previous run did not end cleanly and left no checkpoint: resuming from its last savepoint"
                            + " or the subscription's position"));
            return checkpoint.or(previous::savepoint);
        }
        return previous.savepoint();
    }

    /** Waits until the job has read everything published (Ctrl-C again gives up waiting). */
    private boolean awaitCaughtUp(LocalJob job, long published) throws InterruptedException {
        long lastReport = time.nanoTime();
        while (true) {
            long consumed = JobMetrics.LOCAL.total(EVENTS_IN);
            if (consumed >= published) {
                return true;
            }
            if (stop.hurryRequested() || job.hasEnded()) {
                return false;
            }
            if (time.nanoTime() - lastReport > 5_000_000_000L) {
                out.printf("draining: %,d of %,d events read by the job%n", consumed, published);
                lastReport = time.nanoTime();
            }
            time.sleepNanos(100_000_000L);
        }
    }

    private void statusTick(StatusBoard board, EventPublisher publisher) {
        try {
            out.println(board.record(counters(publisher)));
        } catch (RuntimeException e) {
            LOG.warn("status line failed: {}", e.toString());
        }
    }

    private PipelineCounters counters(EventPublisher publisher) {
        long produced = publisher.stats().acknowledged();
        long consumed = JobMetrics.LOCAL.total(EVENTS_IN);
        return new PipelineCounters(time.currentTimeMillis(), produced, consumed, JobMetrics.LOCAL.total(AGGREGATES_OUT),
                Math.max(0, produced - consumed), JobMetrics.LOCAL.lastCheckpointAtMillis(),
                JobMetrics.LOCAL.total(LATE_EVENTS) + JobMetrics.LOCAL.total(LATE_EVENTS_AT_WINDOW),
                JobMetrics.LOCAL.total(MALFORMED_MESSAGES));
    }

    private long millisSince(long nanos) {
        return (time.nanoTime() - nanos) / 1_000_000;
    }

    private static String describe(ProduceLimit limit) {
        if (limit instanceof ProduceLimit.Count count) {
            return String.format("%,d events", count.events());
        }
        if (limit instanceof ProduceLimit.Elapsed elapsed) {
            return "for " + elapsed.duration();
        }
        return "until Ctrl-C";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
