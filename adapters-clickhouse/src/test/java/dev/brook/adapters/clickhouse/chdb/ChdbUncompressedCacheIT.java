package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.EmbeddedEngineForTests;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine starts with the uncompressed cache the configuration asks for, and its session uses it: a read of
 * MergeTree data leaves its decompressed blocks there, and a query answered from them answers the same.
 */
class ChdbUncompressedCacheIT {

    private static final String TABLE = "uncompressed_cache_it.readings";
    private static ChdbEngine engine;

    @BeforeAll
    static void startChdbWithATable() {
        engine = EmbeddedEngineForTests.transport().engine();
        run("CREATE DATABASE IF NOT EXISTS uncompressed_cache_it");
        run("DROP TABLE IF EXISTS " + TABLE);
        run("CREATE TABLE " + TABLE + " (id UInt32, reading Float64 CODEC(ZSTD(3))) ENGINE = MergeTree ORDER BY id");
        run("INSERT INTO " + TABLE + " SELECT number, number / 7 FROM numbers(100000)");
    }

    @AfterAll
    static void dropTheTable() {
        run("DROP DATABASE IF EXISTS uncompressed_cache_it");
    }

    @Test
    void theEngineHasTheConfiguredCacheAndItsSessionUsesIt() {
        assertThat(Long.parseLong(run("SELECT value FROM system.server_settings WHERE name = 'uncompressed_cache_size'")))
                .isEqualTo(UncompressedCache.fromSystem().bytes());
        assertThat(run("SELECT toUInt8(getSetting('use_uncompressed_cache'))")).isEqualTo("1");
    }

    @Test
    void aReadLeavesItsDecompressedBlocksInTheCacheAndAnswersTheSameFromThem() {
        String sum = "SELECT sum(reading) FROM " + TABLE + " WHERE id < 50000";
        run("SYSTEM DROP UNCOMPRESSED CACHE");
        String cold = run(sum);
        long cachedBytes = Long.parseLong(run("SELECT value FROM system.metrics WHERE metric = 'UncompressedCacheBytes'"));

        assertThat(cachedBytes).as("bytes held after reading 50,000 Float64 readings").isGreaterThanOrEqualTo(50_000L * 8);
        assertThat(run(sum)).isEqualTo(cold).isEqualTo(run(sum + " SETTINGS use_uncompressed_cache = 0"));
    }

    private static String run(String sql) {
        return new String(engine.run(sql, "TabSeparated", QueryParameters.none())).strip();
    }
}
