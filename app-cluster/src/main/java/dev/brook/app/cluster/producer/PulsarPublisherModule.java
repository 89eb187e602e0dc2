package dev.brook.app.cluster.producer;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.pulsar.PulsarEventPublisher;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.time.TimeSource;

import javax.inject.Singleton;

/** The Pulsar adapter for the producer: connects (and registers the schema) when the publisher is first asked for. */
@Module
interface PulsarPublisherModule {

    @Provides
    @Singleton
    static EventPublisher publisher(ProducerSettings settings) {
        return PulsarEventPublisher.connect(settings.connection(), settings.publisher());
    }

    @Provides
    static TimeSource time() {
        return TimeSource.system();
    }
}
