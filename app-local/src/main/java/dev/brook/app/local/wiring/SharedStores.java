package dev.brook.app.local.wiring;

import dev.brook.adapters.clickhouse.ClickHouseStore;

import java.util.HashMap;
import java.util.Map;

/**
 * One open {@link ClickHouseStore} per location in this JVM, shared by the app's queries and the job's
 * sinks (the MiniCluster's task managers run in this process). chDB allows one data path per process, and
 * opening a store runs its migrations: doing that once is enough. The stores stay open until the JVM exits.
 */
final class SharedStores {

    private static final Map<StoreLocation, ClickHouseStore> OPEN = new HashMap<>();

    private SharedStores() {
    }

    static synchronized ClickHouseStore open(StoreLocation location) {
        return OPEN.computeIfAbsent(location, l -> ClickHouseStore.open(l.clickHouseSettings()));
    }
}
