package dev.brook.app.local.wiring;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.adapters.pulsar.PulsarEventPublisher;
import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.adapters.pulsar.PulsarTopicAdmin;
import dev.brook.app.local.settings.InfraSettings;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.pulsar.embedded.EmbeddedPulsar;

import javax.inject.Singleton;

/** The Pulsar side: the embedded broker (default) or an external one, the topic and the publisher. */
@Module
public interface PulsarModule {

    /** Local runs use one unpartitioned topic: one job instance reads it, and a source's order is kept. */
    int LOCAL_PARTITIONS = 0;

    @Provides
    static DataLayout layout(RunSettings settings) {
        return new DataLayout(settings.dataDir());
    }

    /** Starts the embedded broker on first use (closed at the end of the run), or names the external one. */
    @Provides
    @Singleton
    static PulsarConnection connection(RunSettings settings, DataLayout layout, Lifecycle lifecycle) {
        return switch (settings.infra().mode()) {
            case EMBEDDED -> {
                EmbeddedPulsar broker = lifecycle.closeAtEnd("embedded Pulsar broker", EmbeddedPulsar.start(layout.pulsar()));
                yield new PulsarConnection(broker.serviceUrl(), broker.httpUrl());
            }
            case EXTERNAL -> external(settings.infra());
            case TESTCONTAINERS -> throw new IllegalStateException(
                    "testcontainers infra is started before the pipeline is wired and then passed on as external");
        };
    }

    /** The broker given by URL; without an admin URL, Pulsar's default web port on its host. */
    static PulsarConnection external(InfraSettings infra) {
        String serviceUrl = infra.pulsarUrl().orElseThrow().toString();
        return infra.pulsarAdminUrl().map(admin -> new PulsarConnection(serviceUrl, admin.toString()))
                .orElseGet(() -> PulsarConnection.ofServiceUrl(serviceUrl));
    }

    @Provides
    @Singleton
    static PulsarTopicAdmin topicAdmin(PulsarConnection connection, Lifecycle lifecycle) {
        return lifecycle.closeAtEnd("Pulsar admin client", new PulsarTopicAdmin(connection));
    }

    /** Connects once the topic exists (with its schema and the spec's retention). */
    @Provides
    @Singleton
    static EventPublisher publisher(PulsarConnection connection, PulsarTopicAdmin admin, DataLayout layout, Lifecycle lifecycle) {
        admin.ensureTopic(layout.topic(), LOCAL_PARTITIONS);
        return lifecycle.closeAtEnd("event publisher",
                PulsarEventPublisher.connect(connection, PulsarPublisherSettings.defaults(layout.topic())));
    }
}
