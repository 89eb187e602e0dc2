package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.chdb.ChdbTransport;

import java.nio.file.Path;

/**
 * The one chDB engine every IT of this module shares: chDB holds one data directory per JVM, and
 * booting it once keeps the ITs fast. Each test isolates itself in a database of its own.
 */
public final class EmbeddedEngineForTests {

    /** Under target/, so {@code mvn clean} removes it. */
    public static final Path DATA_DIR = Path.of("target", "chdb-it-data").toAbsolutePath();

    private EmbeddedEngineForTests() {
    }

    public static ChdbTransport transport() {
        return ChdbTransport.open(DATA_DIR);
    }

    public static ClickHouseSettings settings(String database) {
        return ClickHouseSettings.embedded(DATA_DIR).withDatabase(database);
    }
}
