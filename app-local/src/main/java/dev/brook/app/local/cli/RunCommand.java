package dev.brook.app.local.cli;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.app.local.settings.InfraMode;
import dev.brook.app.local.settings.InfraSettings;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.produce.ProduceLimit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code run} (the default): the whole pipeline in this JVM until Ctrl-C, {@code --count} or {@code --duration}. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the pipeline: embedded Pulsar broker, the Flink job on a MiniCluster, embedded ClickHouse (chDB)",
                "and the producer, until Ctrl-C, --count or --duration. Prints a status line every second and serves a",
                "dashboard on localhost. Ctrl-C drains, stores every window and prints a summary."})
public final class RunCommand implements Callable<Integer> {

    /** Carries out a validated run; the exit code it returns is the process's. */
    @FunctionalInterface
    public interface Runner {
        int run(RunSettings settings) throws Exception;
    }

    private final Runner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamOptions stream;

    @Option(names = "--start-time", paramLabel = "T", converter = Converters.EpochMillisConverter.class,
            description = {"Event time of the first event: epoch ms or ISO-8601.",
                    "Default: now, or where the previous run in the data dir left off if that is later",
                    "(then at the next window's start if that window began before it)."})
    Long startTimeMillis;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Limit limit;

    static final class Limit {
        @Option(names = "--count", paramLabel = "N", required = true,
                description = "Publish N events, wait until every window of them is in ClickHouse, then stop.")
        Long count;

        @Option(names = "--duration", paramLabel = "D", required = true, converter = Converters.DurationConverter.class,
                description = "Publish for this long (30s, 5m, PT1H), then drain and stop as on Ctrl-C.")
        Duration duration;
    }

    @Option(names = "--window", defaultValue = "1m", paramLabel = "W", converter = Converters.DurationConverter.class,
            description = "Length of the tumbling event-time windows (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--data-dir", defaultValue = "brook-data", paramLabel = "DIR",
            description = "Where the broker, ClickHouse and the job's checkpoints keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--infra", defaultValue = "embedded", paramLabel = "MODE", converter = Converters.InfraConverter.class,
            description = "embedded (default: nothing to install), testcontainers (needs Docker) or external.")
    InfraMode infra;

    @Option(names = "--pulsar-url", paramLabel = "URL", description = "With --infra=external: the broker, e.g. pulsar://localhost:6650, or several: pulsar://b1:6650,b2:6650.")
    String pulsarUrl;

    @Option(names = "--pulsar-admin-url", paramLabel = "URL",
            description = "With --infra=external: the broker's admin URL (default: http://<pulsar host>:8080, https://<pulsar host>:8443 for pulsar+ssl).")
    String pulsarAdminUrl;

    @Mixin
    ClickHouseServerOptions clickHouseServer;

    @Option(names = "--dashboard-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the dashboard on localhost; 0 for any free port; a taken port falls back to a free one (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "How often the job checkpoints and commits its output (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--max-out-of-orderness", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "How far behind the newest event time an event may arrive and still be counted (default: 2s, or --disorder-ms if larger).")
    Duration maxOutOfOrderness;

    public RunCommand(Runner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return runner.run(settings());
    }

    /** The validated settings; a bad value becomes one clear message and exit code 2. */
    RunSettings settings() {
        try {
            var streamSettings = stream.settings();
            ProduceLimit runLimit = limit == null ? ProduceLimit.untilStopped()
                    : limit.count != null ? flagged("--count", () -> ProduceLimit.count(limit.count))
                    : flagged("--duration", () -> ProduceLimit.elapsed(limit.duration));
            InfraSettings infraSettings = new InfraSettings(infra,
                    Optional.ofNullable(pulsarUrl).map(url -> InfraSettings.parseUrl("--pulsar-url", url)),
                    Optional.ofNullable(pulsarAdminUrl).map(url -> InfraSettings.parseUrl("--pulsar-admin-url", url)),
                    clickHouseServer.server());
            Duration outOfOrderness = maxOutOfOrderness != null ? maxOutOfOrderness
                    : Duration.ofMillis(Math.max(2_000, streamSettings.maxDisorderMillis()));
            if (startTimeMillis != null) {
                requireWithinRetention(startTimeMillis, System.currentTimeMillis());
            }
            return new RunSettings(streamSettings,
                    startTimeMillis == null ? OptionalLong.empty() : OptionalLong.of(startTimeMillis),
                    runLimit, windowsOf(window), dataDir, infraSettings, dashboardPort, checkpointInterval, outOfOrderness);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The store drops windows older than its TTL (30 days, as the spec keeps them): events from further back
     * would vanish right after they are written, so such a start time is refused.
     */
    static void requireWithinRetention(long startTimeMillis, long nowMillis) {
        long oldest = nowMillis - Duration.ofDays(ClickHouseSettings.DEFAULT_TTL_DAYS).toMillis();
        if (startTimeMillis < oldest) {
            throw new IllegalArgumentException("--start-time " + java.time.Instant.ofEpochMilli(startTimeMillis)
                    + " is more than " + ClickHouseSettings.DEFAULT_TTL_DAYS + " days ago: the store keeps windows for "
                    + ClickHouseSettings.DEFAULT_TTL_DAYS + " days and would delete these at once; pick a start time after "
                    + java.time.Instant.ofEpochMilli(oldest).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    /** The domain's message, prefixed with the flag it is about. */
    private static <T> T flagged(String flag, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private static TumblingWindows windowsOf(Duration size) {
        try {
            return new TumblingWindows(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--window " + size + ": " + e.getMessage());
        }
    }
}
