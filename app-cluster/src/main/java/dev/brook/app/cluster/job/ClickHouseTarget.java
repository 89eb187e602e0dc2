package dev.brook.app.cluster.job;

import dev.brook.adapters.clickhouse.ClickHouseSettings;

import java.io.Serializable;

/**
 * Where the job writes: a ClickHouse server. Plain strings, so it travels with the job to the task managers,
 * where {@link ClickHouseSinkFactory} turns it into a store.
 */
public record ClickHouseTarget(String jdbcUrl, String user, String password, String database, String table)
        implements Serializable {

    public ClickHouseTarget {
        toSettings(jdbcUrl, user, password, database, table); // the adapter's own validation, at start-up
    }

    public ClickHouseSettings settings() {
        return toSettings(jdbcUrl, user, password, database, table);
    }

    private static ClickHouseSettings toSettings(String jdbcUrl, String user, String password, String database, String table) {
        return ClickHouseSettings.server(jdbcUrl, user, password).withDatabase(database).withTable(table);
    }

    @Override
    public String toString() {
        return "ClickHouseTarget[" + jdbcUrl + ", user=" + user + ", " + database + "." + table + "]";
    }
}
