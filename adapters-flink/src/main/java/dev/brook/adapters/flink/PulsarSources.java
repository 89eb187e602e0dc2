package dev.brook.adapters.flink;

import dev.brook.adapters.flink.source.PulsarMessageDeserializer;
import dev.brook.adapters.flink.types.DecodedMessage;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceBuilder;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StopCursor;

/** The job's Pulsar source, from {@link JobSettings}. */
public final class PulsarSources {

    private PulsarSources() {
    }

    /** Reads the topic without end: the streaming job. */
    public static PulsarSource<DecodedMessage> unbounded(JobSettings settings) {
        return builder(settings).build();
    }

    /**
     * Reads what the topic holds when the job starts, then ends: the final watermark closes the last windows.
     * For tests, benchmarks and replays.
     */
    public static PulsarSource<DecodedMessage> boundedToLatest(JobSettings settings) {
        return builder(settings).setBoundedStopCursor(StopCursor.latest()).build();
    }

    private static PulsarSourceBuilder<DecodedMessage> builder(JobSettings settings) {
        return PulsarSource.builder()
                .setServiceUrl(settings.serviceUrl())
                .setAdminUrl(settings.adminUrl())
                .setTopics(settings.topic())
                .setSubscriptionName(settings.subscription())
                .setStartCursor(settings.startPosition() == StartPosition.EARLIEST ? StartCursor.earliest() : StartCursor.latest())
                .setDeserializationSchema(new PulsarMessageDeserializer());
    }
}
