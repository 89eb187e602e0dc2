package dev.brook.app.local.wiring;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.app.local.settings.InfraSettings.ClickHouseServer;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the aggregates live: the embedded engine under a data dir, or a server. Plain strings only: it
 * travels inside the job's serialized sink factory to the task manager.
 */
public record StoreLocation(String embeddedDataDir, String jdbcUrl, String user, String password) implements Serializable {

    /** The embedded engine's directory inside the app's data dir. */
    public static StoreLocation embedded(Path appDataDir) {
        return new StoreLocation(appDataDir.resolve("clickhouse").toAbsolutePath().normalize().toString(), null, null, null);
    }

    public static StoreLocation server(ClickHouseServer server) {
        return new StoreLocation(null, server.url().toString(), server.user(), server.password());
    }

    public static StoreLocation of(Path appDataDir, Optional<ClickHouseServer> server) {
        return server.map(StoreLocation::server).orElseGet(() -> embedded(appDataDir));
    }

    public ClickHouseSettings clickHouseSettings() {
        return embeddedDataDir != null ? ClickHouseSettings.embedded(Path.of(embeddedDataDir))
                : ClickHouseSettings.server(jdbcUrl, user, password);
    }

    @Override
    public String toString() {
        return embeddedDataDir != null ? "embedded ClickHouse (chDB) in " + embeddedDataDir : "ClickHouse server " + jdbcUrl;
    }
}
