package dev.brook.app.cluster.job;

import dagger.BindsInstance;
import dagger.Component;
import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.core.domain.port.out.AggregateSink;

/** Built on a task manager, inside {@link ClickHouseSinkFactory#create()}: one aggregate sink per sink subtask. */
@Component(modules = ClickHouseSinkModule.class)
interface ClickHouseSinkComponent {

    AggregateSink aggregateSink();

    @Component.Factory
    interface Factory {
        ClickHouseSinkComponent create(@BindsInstance ClickHouseSettings settings);
    }
}
