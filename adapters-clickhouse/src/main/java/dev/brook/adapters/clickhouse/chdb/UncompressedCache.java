package dev.brook.adapters.clickhouse.chdb;

import java.util.Map;
import java.util.Optional;

/**
 * The memory the embedded engine keeps for decompressed column blocks (ClickHouse's uncompressed cache). A short
 * query that comes back to data it read before (a dashboard's newest windows, one source's row or series) then
 * skips decompression, which is most of its time: a full aggregate row is 60 ZSTD-compressed columns, and
 * decompressing a granule of each costs more than everything else the query does. The least recently used blocks
 * go first when it is full, and a query that reads more than a million rows bypasses it (the engine's
 * {@code merge_tree_max_rows_to_use_cache}), so big scans never flush it. Set in MiB by system property
 * {@value #PROPERTY} or environment variable {@value #ENVIRONMENT}; 0 turns it off.
 */
public record UncompressedCache(long bytes) {

    public static final String PROPERTY = "brook.chdb.uncompressed-cache-mb";
    public static final String ENVIRONMENT = "BROOK_CHDB_UNCOMPRESSED_CACHE_MB";
    /** Room for the 60 columns of about a million aggregate rows, decompressed (~430 bytes each in the benchmark). */
    public static final long DEFAULT_MIB = 512;
    private static final long MAX_MIB = 1L << 20;

    public UncompressedCache {
        if (bytes < 0) {
            throw new IllegalArgumentException("the uncompressed cache size must be ≥ 0 bytes, got " + bytes);
        }
    }

    public boolean enabled() {
        return bytes > 0;
    }

    /** The size the system property, else the environment, else {@link #DEFAULT_MIB} gives. */
    public static UncompressedCache fromSystem() {
        return configured(System.getProperty(PROPERTY), System.getenv());
    }

    static UncompressedCache configured(String property, Map<String, String> environment) {
        Optional<String> given = ChdbSetting.given(property, environment, ENVIRONMENT);
        if (given.isEmpty()) {
            return new UncompressedCache(DEFAULT_MIB << 20);
        }
        try {
            long mib = Long.parseLong(given.get());
            if (mib >= 0 && mib <= MAX_MIB) {
                return new UncompressedCache(mib << 20);
            }
        } catch (NumberFormatException e) {
            // answered below, with what to set
        }
        throw new IllegalArgumentException("the chDB uncompressed cache size (" + PROPERTY + " / " + ENVIRONMENT + ") must be "
                + "a whole number of MiB from 0 (off) to " + MAX_MIB + ", got '" + given.get() + "'; the default is " + DEFAULT_MIB);
    }
}
