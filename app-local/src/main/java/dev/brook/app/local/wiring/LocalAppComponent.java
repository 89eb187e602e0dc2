package dev.brook.app.local.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.ReadOnlySql;

/**
 * The app's object graph: the store (ClickHouse module) for every command, and through
 * {@link #pipeline()} the broker, producer and job for {@code run}.
 */
@Component(modules = ClickHouseModule.class)
public interface LocalAppComponent {

    ReadOnlySql readOnlySql();

    AggregateQueries queries();

    PipelineComponent.Factory pipeline();

    @Component.Factory
    interface Factory {
        LocalAppComponent create(@BindsInstance StoreLocation storeLocation, @BindsInstance Lifecycle lifecycle);
    }

    static LocalAppComponent create(StoreLocation storeLocation, Lifecycle lifecycle) {
        return DaggerLocalAppComponent.factory().create(storeLocation, lifecycle);
    }
}
