package dev.brook.app.local.wiring;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.ReadOnlySql;

/** The ClickHouse adapter: the store at the app's location and its ports. */
@Module
public interface ClickHouseModule {

    /** Opened on first use (chDB loads then) and shared with the job's sinks. */
    @Provides
    static ClickHouseStore store(StoreLocation location) {
        return SharedStores.open(location);
    }

    @Provides
    static AggregateQueries queries(ClickHouseStore store) {
        return store.queries();
    }

    @Provides
    static ReadOnlySql readOnlySql(ClickHouseStore store) {
        return store.readOnlySql();
    }
}
