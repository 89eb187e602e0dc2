package dev.brook.app.cluster.producer;

import dagger.BindsInstance;
import dagger.Component;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.time.TimeSource;

import javax.inject.Singleton;

/** The producer's object graph: settings in, a connected publisher and the clock out. */
@Singleton
@Component(modules = PulsarPublisherModule.class)
public interface ProducerComponent {

    /** Connects on first call; throws {@code PublishFailedException} naming broker and topic when it cannot. */
    EventPublisher publisher();

    TimeSource time();

    @Component.Factory
    interface Factory {
        ProducerComponent create(@BindsInstance ProducerSettings settings);
    }
}
