package dev.brook.adapters.flink;

import dev.brook.adapters.flink.sink.DeadLetterSinkFactory;
import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.adapters.flink.sink.AggregatePortSink;
import dev.brook.adapters.flink.sink.DeadLetterPortSink;
import dev.brook.adapters.flink.sink.RetryPolicy;
import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.types.BrookTypes;
import dev.brook.adapters.flink.window.DomainTumblingWindows;
import dev.brook.adapters.flink.window.EmitWindowAggregate;
import dev.brook.adapters.flink.window.LatePartialToDeadLetter;
import dev.brook.adapters.flink.window.LocalWindowCombiner;
import dev.brook.adapters.flink.window.MergePartials;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.DeadLetter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Brook's streaming job: decoded messages → events pre-aggregated per (source, window) → keyed by source →
 * tumbling event-time windows → one {@code WindowAggregate} per source and window → the aggregate port.
 * Malformed messages and late events go to the dead-letter port, counted.
 *
 * <p>The job takes its source and its port factories; it does not know Pulsar or ClickHouse beyond that. The
 * window logic is the domain's ({@code TumblingWindows}, {@code WindowAccumulator}).
 */
public final class WindowAggregationJob {

    public static final String SOURCE_UID = "brook-source";
    public static final String COMBINER_UID = "brook-window-combiner";
    public static final String WINDOW_UID = "brook-window-aggregate";
    public static final String AGGREGATE_SINK_UID = "brook-aggregate-sink";
    public static final String DEAD_LETTER_SINK_UID = "brook-dead-letter-sink";

    static final OutputTag<WindowAccumulator> LATE_PARTIALS = new OutputTag<>("late-partials", BrookTypes.WINDOW_ACCUMULATOR);

    private final JobSettings settings;
    private final AggregateSinkFactory aggregateSinks;
    private final DeadLetterSinkFactory deadLetterSinks;

    public WindowAggregationJob(JobSettings settings, AggregateSinkFactory aggregateSinks,
                                DeadLetterSinkFactory deadLetterSinks) {
        if (settings == null || aggregateSinks == null || deadLetterSinks == null) {
            throw new IllegalArgumentException("the window aggregation job needs its settings, an aggregate sink factory "
                    + "and a dead-letter sink factory");
        }
        this.settings = settings;
        this.aggregateSinks = aggregateSinks;
        this.deadLetterSinks = deadLetterSinks;
    }

    public JobSettings settings() {
        return settings;
    }

    /** Checkpointing (exactly-once mode), state backend, restart strategy and parallelism from the settings. */
    public void configure(StreamExecutionEnvironment env) {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend().configValue());
        settings.checkpointDirectory().ifPresent(directory -> {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        });
        // Absorbs transient failures, among them the Pulsar connector's start-up race with 2+ partitions:
        // a restart resumes from the last checkpoint (or from the start position), so it costs no event.
        // Exponential, so that a broker that is briefly unreachable (seen on an overloaded machine: several
        // failovers in a row) gets time to come back before the attempts run out.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, settings.restartDelay());
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMinutes(1).compareTo(settings.restartDelay()) > 0 ? Duration.ofMinutes(1) : settings.restartDelay());
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, settings.maxRestartAttempts());
        env.configure(config);
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(settings.parallelism());
    }

    /** Event time from each message's latest event; bounded out-of-orderness; idle partitions skipped. */
    public WatermarkStrategy<DecodedMessage> watermarkStrategy() {
        return WatermarkStrategy.<DecodedMessage>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner((message, previous) -> message.timestampMillis())
                .withIdleness(settings.idleTimeout());
    }

    /** Adds the source with this job's watermark strategy. */
    public DataStream<DecodedMessage> read(StreamExecutionEnvironment env, Source<DecodedMessage, ?, ?> source) {
        return env.fromSource(source, watermarkStrategy(), "messages", BrookTypes.DECODED_MESSAGE).uid(SOURCE_UID);
    }

    /** Adds the source and everything after it. */
    public DataStream<WindowAggregate> build(StreamExecutionEnvironment env, Source<DecodedMessage, ?, ?> source) {
        return aggregate(read(env, source));
    }

    /**
     * Adds everything after the source: combine, window, write, set aside. The stream must carry this job's
     * timestamps and watermarks (see {@link #read}). Returns the aggregates as written, for observation.
     */
    public DataStream<WindowAggregate> aggregate(DataStream<DecodedMessage> messages) {
        long latenessMillis = settings.allowedLateness().toMillis();
        SingleOutputStreamOperator<WindowAccumulator> partials = messages
                .transform("combine per source and window", BrookTypes.WINDOW_ACCUMULATOR,
                        new LocalWindowCombiner(settings.windows(), latenessMillis))
                .uid(COMBINER_UID);

        SingleOutputStreamOperator<WindowAggregate> aggregates = windowAggregates(partials, settings);

        aggregates.sinkTo(new AggregatePortSink(aggregateSinks, settings.sinkMaxBatchSize(), settings.sinkMaxBatchDelay(),
                        new RetryPolicy(settings.sinkMaxAttempts(), settings.sinkRetryBackoff())))
                .name("aggregate sink")
                .uid(AGGREGATE_SINK_UID);

        DataStream<DeadLetter> latePartials = aggregates.getSideOutput(LATE_PARTIALS)
                .map(new LatePartialToDeadLetter(), BrookTypes.DEAD_LETTER)
                .name("late partials");
        partials.getSideOutput(LocalWindowCombiner.MALFORMED_MESSAGES)
                .union(partials.getSideOutput(LocalWindowCombiner.LATE_EVENTS), latePartials)
                .sinkTo(new DeadLetterPortSink(deadLetterSinks))
                .name("dead-letter sink")
                .uid(DEAD_LETTER_SINK_UID);
        return aggregates;
    }

    /** The keyed window stage alone: partials in, one aggregate per (source, window) firing out. */
    static SingleOutputStreamOperator<WindowAggregate> windowAggregates(DataStream<WindowAccumulator> partials,
                                                                        JobSettings settings) {
        return partials
                .keyBy(BY_SOURCE, Types.STRING)
                .window(new DomainTumblingWindows(settings.windows()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LATE_PARTIALS)
                .aggregate(new MergePartials(), new EmitWindowAggregate(LATE_PARTIALS), BrookTypes.WINDOW_ACCUMULATOR,
                        BrookTypes.WINDOW_ACCUMULATOR, BrookTypes.WINDOW_AGGREGATE)
                .name("tumbling event-time windows")
                .uid(WINDOW_UID);
    }

    static final KeySelector<WindowAccumulator, String> BY_SOURCE = new BySource();

    /** Keys partials by source id. */
    private static final class BySource implements KeySelector<WindowAccumulator, String> {
        @Override
        public String getKey(WindowAccumulator partial) {
            return partial.sourceId().value();
        }
    }
}
