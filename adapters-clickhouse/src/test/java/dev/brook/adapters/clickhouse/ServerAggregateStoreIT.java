package dev.brook.adapters.clickhouse;

import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The store contract on a ClickHouse server over JDBC; skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
class ServerAggregateStoreIT extends ClickHouseStoreContract {

    @Container
    static final ClickHouseContainer SERVER = new ClickHouseContainer("clickhouse/clickhouse-server:25.8")
            .withUsername("brook").withPassword("brook-it-password");

    @Override
    protected ClickHouseSettings settings(String database) {
        return ClickHouseSettings.server(SERVER.getJdbcUrl(), SERVER.getUsername(), SERVER.getPassword()).withDatabase(database);
    }
}
