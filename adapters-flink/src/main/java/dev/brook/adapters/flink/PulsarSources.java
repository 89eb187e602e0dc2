package dev.brook.adapters.flink;

import dev.brook.adapters.flink.source.DecodedForm;
import dev.brook.adapters.flink.source.OwnConnectionSubscriptionPositioner;
import dev.brook.adapters.flink.source.PulsarMessageDeserializer;
import dev.brook.adapters.flink.source.StartRaceTolerantPulsarSource;
import dev.brook.adapters.flink.types.DecodedMessage;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceBuilder;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StopCursor;

/**
 * The job's Pulsar source, from {@link JobSettings}. Messages are decoded into columns
 * ({@link DecodedMessage.Columns}), what Brook's job reads fastest; other topologies may ask for events.
 */
public final class PulsarSources {

    private PulsarSources() {
    }

    /** Reads the topic without end: the streaming job. */
    public static Source<DecodedMessage, ?, ?> unbounded(JobSettings settings) {
        return tolerantOfTheStartRace(builder(settings, DecodedForm.COLUMNS).build(), settings);
    }

    /**
     * Reads what the topic holds when the job starts, then ends: the final watermark closes the last windows.
     * For tests, benchmarks and replays.
     */
    public static Source<DecodedMessage, ?, ?> boundedToLatest(JobSettings settings) {
        return boundedToLatest(settings, DecodedForm.COLUMNS);
    }

    /** {@link #boundedToLatest(JobSettings)}, decoding messages into the given form. */
    public static Source<DecodedMessage, ?, ?> boundedToLatest(JobSettings settings, DecodedForm form) {
        return tolerantOfTheStartRace(builder(settings, form).setBoundedStopCursor(StopCursor.latest()).build(), settings);
    }

    private static Source<DecodedMessage, ?, ?> tolerantOfTheStartRace(PulsarSource<DecodedMessage> connector, JobSettings settings) {
        return new StartRaceTolerantPulsarSource<>(connector,
                new OwnConnectionSubscriptionPositioner(settings.serviceUrl(), settings.subscription(), startCursor(settings)));
    }

    private static StartCursor startCursor(JobSettings settings) {
        return settings.startPosition() == StartPosition.EARLIEST ? StartCursor.earliest() : StartCursor.latest();
    }

    private static PulsarSourceBuilder<DecodedMessage> builder(JobSettings settings, DecodedForm form) {
        return PulsarSource.builder()
                .setServiceUrl(settings.serviceUrl())
                .setAdminUrl(settings.adminUrl())
                .setTopics(settings.topic())
                .setSubscriptionName(settings.subscription())
                .setStartCursor(startCursor(settings))
                .setDeserializationSchema(new PulsarMessageDeserializer(form));
    }
}
