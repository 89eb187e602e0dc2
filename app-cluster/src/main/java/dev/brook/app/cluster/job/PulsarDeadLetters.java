package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.sink.DeadLetterSinkFactory;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.adapters.pulsar.PulsarDeadLetterSink;
import dev.brook.core.domain.port.out.DeadLetterSink;

/**
 * The cluster's dead letters go to a Pulsar topic of their own, kept 30 days and replayable. Only the addresses
 * travel with the job; each sink subtask connects on its task manager.
 */
record PulsarDeadLetters(String serviceUrl, String adminUrl, String topic) implements DeadLetterSinkFactory {

    @Override
    public DeadLetterSink create() {
        return PulsarDeadLetterSink.connect(new PulsarConnection(serviceUrl, adminUrl), topic);
    }
}
