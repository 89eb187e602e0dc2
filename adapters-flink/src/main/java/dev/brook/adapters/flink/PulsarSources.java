package dev.brook.adapters.flink;

import dev.brook.adapters.flink.source.DecodedForm;
import dev.brook.adapters.flink.source.OwnConnectionSubscriptionPositioner;
import dev.brook.adapters.flink.source.PulsarMessageDeserializer;
import dev.brook.adapters.flink.source.ResumingStartCursor;
import dev.brook.adapters.flink.source.StartRaceTolerantPulsarSource;
import dev.brook.adapters.flink.types.DecodedMessage;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceBuilder;
import org.apache.flink.connector.pulsar.source.PulsarSourceOptions;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StopCursor;

import java.time.Duration;

/**
 * The job's Pulsar source, from {@link JobSettings}. Messages are decoded into columns
 * ({@link DecodedMessage.Columns}), what Brook's job reads fastest; other topologies may ask for events.
 */
public final class PulsarSources {

    /**
     * The longest the connector collects messages before it hands them to the job. Its default, 10 s or 100
     * messages, held each message until 100 had come: up to 10 s in a stream that pauses, and seconds at the spec's
     * rate (messages of 500 events: a few dozen a second per partition), where the spec asks under 100 ms from Pulsar
     * to Flink. A full backlog still fills a fetch with 100 messages at once.
     */
    public static final Duration MAX_FETCH_TIME = Duration.ofMillis(50);

    private PulsarSources() {
    }

    /**
     * Reads the topic without end: the streaming job. Started without a checkpoint, it goes on where its
     * subscription stands, if the subscription exists ({@link ResumingStartCursor}).
     */
    public static Source<DecodedMessage, ?, ?> unbounded(JobSettings settings) {
        StartCursor start = new ResumingStartCursor(settings.adminUrl(), settings.subscription(), configuredStart(settings));
        return tolerantOfTheStartRace(builder(settings, DecodedForm.COLUMNS, start).build(), settings, start);
    }

    /**
     * Reads what the topic holds when the job starts, then ends: the final watermark closes the last windows.
     * For tests, benchmarks and replays: it starts at the configured position even on an existing subscription.
     */
    public static Source<DecodedMessage, ?, ?> boundedToLatest(JobSettings settings) {
        return boundedToLatest(settings, DecodedForm.COLUMNS);
    }

    /** {@link #boundedToLatest(JobSettings)}, decoding messages into the given form. */
    public static Source<DecodedMessage, ?, ?> boundedToLatest(JobSettings settings, DecodedForm form) {
        StartCursor start = configuredStart(settings);
        return tolerantOfTheStartRace(builder(settings, form, start).setBoundedStopCursor(StopCursor.latest()).build(), settings, start);
    }

    private static Source<DecodedMessage, ?, ?> tolerantOfTheStartRace(PulsarSource<DecodedMessage> connector, JobSettings settings,
                                                                      StartCursor start) {
        return new StartRaceTolerantPulsarSource<>(connector,
                new OwnConnectionSubscriptionPositioner(settings.serviceUrl(), settings.subscription(), start));
    }

    private static StartCursor configuredStart(JobSettings settings) {
        return settings.startPosition() == StartPosition.EARLIEST ? StartCursor.earliest() : StartCursor.latest();
    }

    private static PulsarSourceBuilder<DecodedMessage> builder(JobSettings settings, DecodedForm form, StartCursor start) {
        return PulsarSource.builder()
                .setServiceUrl(settings.serviceUrl())
                .setAdminUrl(settings.adminUrl())
                .setTopics(settings.topic())
                .setSubscriptionName(settings.subscription())
                .setStartCursor(start)
                .setConfig(PulsarSourceOptions.PULSAR_MAX_FETCH_TIME, MAX_FETCH_TIME.toMillis())
                .setDeserializationSchema(new PulsarMessageDeserializer(form));
    }
}
