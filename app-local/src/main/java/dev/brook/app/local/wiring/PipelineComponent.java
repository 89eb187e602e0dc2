package dev.brook.app.local.wiring;

import dagger.BindsInstance;
import dagger.Subcomponent;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.core.domain.port.out.EventPublisher;

/** What {@code run} adds to the store: the broker and the job (Pulsar and Flink modules), for one run's settings. */
@javax.inject.Singleton
@Subcomponent(modules = {PulsarModule.class, FlinkModule.class})
public interface PipelineComponent {

    PulsarConnection pulsar();

    EventPublisher publisher();

    WindowAggregationJob job();

    DataLayout layout();

    @Subcomponent.Factory
    interface Factory {
        PipelineComponent create(@BindsInstance RunSettings settings);
    }
}
