package dev.brook.adapters.clickhouse;

/** The store contract on the embedded chDB engine (always runs: the build fetches the library). */
class ChdbAggregateStoreIT extends ClickHouseStoreContract {

    @Override
    protected ClickHouseSettings settings(String database) {
        return EmbeddedEngineForTests.settings(database);
    }
}
