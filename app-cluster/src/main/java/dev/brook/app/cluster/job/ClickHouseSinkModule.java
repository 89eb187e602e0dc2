package dev.brook.app.cluster.job;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.AggregateSink;

import java.util.List;

/** The ClickHouse adapter for the job: a store of its own per sink, closed with the sink. */
@Module
interface ClickHouseSinkModule {

    @Provides
    static AggregateSink aggregateSink(ClickHouseSettings settings) {
        ClickHouseStore store = ClickHouseStore.open(settings);
        AggregateSink sink = store.sink();
        return new AggregateSink() {
            @Override
            public void write(List<WindowAggregate> batch) {
                sink.write(batch);
            }

            @Override
            public void close() {
                sink.close();
                store.close();
            }
        };
    }
}
