package dev.brook.adapters.flink;

import dev.brook.core.domain.aggregation.TumblingWindows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the streaming job can be told. Checked here, so a job that starts has sane settings; each
 * message names the setting and what would be accepted. Build with {@link #builder(String, String)}.
 *
 * @param serviceUrl            Pulsar broker service URL, {@code pulsar://host:6650}
 * @param adminUrl              Pulsar admin URL, {@code http://host:8080}
 * @param topic                 the topic the producer publishes event batches to
 * @param subscription          the job's subscription name (the spec: {@code flink-consumer})
 * @param startPosition         where a new subscription starts
 * @param windowSize            tumbling event-time window length (the spec: one minute)
 * @param maxOutOfOrderness     how far behind the latest event time an event may be and still count
 * @param idleTimeout           a partition without messages this long stops holding the watermark back
 * @param allowedLateness       how long a fired window still accepts late events (and is rewritten)
 * @param checkpointInterval    time between checkpoints; aggregates are flushed at each (the spec: 60 s)
 * @param parallelism           parallel instances of each operator
 * @param stateBackend          where window state lives
 * @param checkpointDirectory   durable checkpoint location (e.g. {@code s3://bucket/checkpoints}); empty keeps
 *                              checkpoints in the job manager's memory (local runs)
 * @param sinkMaxBatchSize      aggregates buffered before an early write (otherwise written at each checkpoint)
 * @param sinkMaxBatchDelay     the longest an aggregate waits in the buffer before it is written (the spec: 1 s)
 * @param sinkMaxAttempts       tries per batch when the store reports a transient failure
 * @param sinkRetryBackoff      wait before the first retry; doubles with each further retry
 * @param maxRestartAttempts    restarts after failures before the job gives up
 * @param restartDelay          wait before the first restart; it doubles with each further one, up to a minute
 */
public record JobSettings(
        String serviceUrl,
        String adminUrl,
        String topic,
        String subscription,
        StartPosition startPosition,
        Duration windowSize,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        Duration allowedLateness,
        Duration checkpointInterval,
        int parallelism,
        StateBackendKind stateBackend,
        Optional<String> checkpointDirectory,
        int sinkMaxBatchSize,
        Duration sinkMaxBatchDelay,
        int sinkMaxAttempts,
        Duration sinkRetryBackoff,
        int maxRestartAttempts,
        Duration restartDelay) {

    public static final String DEFAULT_TOPIC = "persistent://public/default/event-stream-data";
    public static final String DEFAULT_SUBSCRIPTION = "flink-consumer";

    public JobSettings {
        requireUrl("service URL", serviceUrl, "pulsar", "pulsar+ssl", "pulsar://localhost:6650");
        requireUrl("admin URL", adminUrl, "http", "https", "http://localhost:8080");
        requireText("topic", topic, "e.g. " + DEFAULT_TOPIC);
        requireText("subscription", subscription, "e.g. " + DEFAULT_SUBSCRIPTION);
        if (startPosition == null) {
            throw new IllegalArgumentException("start position is required: EARLIEST or LATEST");
        }
        new TumblingWindows(windowSize); // validates the window size with the domain's own rule
        requireNotNegative("max out-of-orderness", maxOutOfOrderness, "PT5S");
        requirePositive("idle timeout", idleTimeout, "PT30S");
        requireNotNegative("allowed lateness", allowedLateness, "PT0S");
        requirePositive("checkpoint interval", checkpointInterval, "PT60S");
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval " + checkpointInterval + " must be at least 10 ms (e.g. PT60S)");
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism " + parallelism + " must be within 1..1024");
        }
        if (stateBackend == null) {
            throw new IllegalArgumentException("state backend is required: HASHMAP or ROCKSDB");
        }
        if (checkpointDirectory == null || checkpointDirectory.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("checkpoint directory must be empty (in memory) or a URI such as s3://bucket/checkpoints");
        }
        if (sinkMaxBatchSize < 1) {
            throw new IllegalArgumentException("sink max batch size " + sinkMaxBatchSize + " must be ≥ 1");
        }
        requirePositive("sink max batch delay", sinkMaxBatchDelay, "PT1S");
        if (sinkMaxAttempts < 1) {
            throw new IllegalArgumentException("sink max attempts " + sinkMaxAttempts + " must be ≥ 1 (1 = no retry)");
        }
        requireNotNegative("sink retry backoff", sinkRetryBackoff, "PT0.5S");
        if (maxRestartAttempts < 0) {
            throw new IllegalArgumentException("max restart attempts " + maxRestartAttempts + " must be ≥ 0");
        }
        requireNotNegative("restart delay", restartDelay, "PT5S");
    }

    /** Settings with the spec's defaults for everything but where Pulsar is. */
    public static Builder builder(String serviceUrl, String adminUrl) {
        return new Builder(serviceUrl, adminUrl);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public TumblingWindows windows() {
        return new TumblingWindows(windowSize);
    }

    private static void requireUrl(String name, String value, String scheme, String secureScheme, String example) {
        requireText(name, value, "e.g. " + example);
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a URL (e.g. " + example + ")", e);
        }
        if (!scheme.equals(uri.getScheme()) && !secureScheme.equals(uri.getScheme())) {
            throw new IllegalArgumentException(name + " '" + value + "' must start with " + scheme + ":// or "
                    + secureScheme + ":// (e.g. " + example + ")");
        }
        if (uri.getHost() == null && uri.getAuthority() == null) {
            throw new IllegalArgumentException(name + " '" + value + "' names no host (e.g. " + example + ")");
        }
    }

    private static void requireText(String name, String value, String hint) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required (" + hint + ")");
        }
    }

    private static void requireNotNegative(String name, Duration value, String example) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " " + value + " must be a duration ≥ 0 (e.g. " + example + ")");
        }
    }

    private static void requirePositive(String name, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " " + value + " must be a positive duration (e.g. " + example + ")");
        }
    }

    /** Fills in the defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String serviceUrl;
        private final String adminUrl;
        private String topic = DEFAULT_TOPIC;
        private String subscription = DEFAULT_SUBSCRIPTION;
        private StartPosition startPosition = StartPosition.EARLIEST;
        private Duration windowSize = TumblingWindows.DEFAULT_SIZE;
        private Duration maxOutOfOrderness = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration allowedLateness = Duration.ZERO;
        private Duration checkpointInterval = Duration.ofSeconds(60);
        private int parallelism = 1;
        private StateBackendKind stateBackend = StateBackendKind.HASHMAP;
        private Optional<String> checkpointDirectory = Optional.empty();
        private int sinkMaxBatchSize = 5_000;
        private Duration sinkMaxBatchDelay = Duration.ofSeconds(1);
        private int sinkMaxAttempts = 3;
        private Duration sinkRetryBackoff = Duration.ofMillis(500);
        private int maxRestartAttempts = 10;
        private Duration restartDelay = Duration.ofSeconds(5);

        private Builder(String serviceUrl, String adminUrl) {
            this.serviceUrl = serviceUrl;
            this.adminUrl = adminUrl;
        }

        private Builder(JobSettings s) {
            this(s.serviceUrl, s.adminUrl);
            topic = s.topic;
            subscription = s.subscription;
            startPosition = s.startPosition;
            windowSize = s.windowSize;
            maxOutOfOrderness = s.maxOutOfOrderness;
            idleTimeout = s.idleTimeout;
            allowedLateness = s.allowedLateness;
            checkpointInterval = s.checkpointInterval;
            parallelism = s.parallelism;
            stateBackend = s.stateBackend;
            checkpointDirectory = s.checkpointDirectory;
            sinkMaxBatchSize = s.sinkMaxBatchSize;
            sinkMaxBatchDelay = s.sinkMaxBatchDelay;
            sinkMaxAttempts = s.sinkMaxAttempts;
            sinkRetryBackoff = s.sinkRetryBackoff;
            maxRestartAttempts = s.maxRestartAttempts;
            restartDelay = s.restartDelay;
        }

        public Builder topic(String value) { topic = value; return this; }
        public Builder subscription(String value) { subscription = value; return this; }
        public Builder startPosition(StartPosition value) { startPosition = value; return this; }
        public Builder windowSize(Duration value) { windowSize = value; return this; }
        public Builder maxOutOfOrderness(Duration value) { maxOutOfOrderness = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder allowedLateness(Duration value) { allowedLateness = value; return this; }
        public Builder checkpointInterval(Duration value) { checkpointInterval = value; return this; }
        public Builder parallelism(int value) { parallelism = value; return this; }
        public Builder stateBackend(StateBackendKind value) { stateBackend = value; return this; }
        public Builder checkpointDirectory(String value) { checkpointDirectory = Optional.ofNullable(value); return this; }
        public Builder sinkMaxBatchSize(int value) { sinkMaxBatchSize = value; return this; }
        public Builder sinkMaxBatchDelay(Duration value) { sinkMaxBatchDelay = value; return this; }
        public Builder sinkMaxAttempts(int value) { sinkMaxAttempts = value; return this; }
        public Builder sinkRetryBackoff(Duration value) { sinkRetryBackoff = value; return this; }
        public Builder maxRestartAttempts(int value) { maxRestartAttempts = value; return this; }
        public Builder restartDelay(Duration value) { restartDelay = value; return this; }

        public JobSettings build() {
            return new JobSettings(serviceUrl, adminUrl, topic, subscription, startPosition, windowSize,
                    maxOutOfOrderness, idleTimeout, allowedLateness, checkpointInterval, parallelism, stateBackend,
                    checkpointDirectory, sinkMaxBatchSize, sinkMaxBatchDelay, sinkMaxAttempts, sinkRetryBackoff, maxRestartAttempts,
                    restartDelay);
        }
    }
}
