package dev.brook.adapters.clickhouse.chdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the chDB engine library: system property {@value #PROPERTY}, then environment variable
 * {@value #ENVIRONMENT}, then the cache {@code scripts/fetch-chdb.sh} fills
 * ({@code ${BROOK_CACHE:-$HOME/.cache/brook}/chdb/<version>/libchdb.so}).
 */
public final class ChdbLibraryLocator {

    public static final String PROPERTY = "brook.chdb.library";
    public static final String ENVIRONMENT = "BROOK_CHDB_LIBRARY";
    /** The chDB release the build pins (root pom {@code chdb.version}); the fetch script caches it under this. */
    public static final String PINNED_VERSION = pinnedVersion();
    static final String LIBRARY_FILE = "libchdb.so";

    private final Map<String, String> environment;
    private final String propertyValue;
    private final String userHome;

    ChdbLibraryLocator(String propertyValue, Map<String, String> environment, String userHome) {
        this.propertyValue = propertyValue;
        this.environment = environment;
        this.userHome = userHome;
    }

    public static ChdbLibraryLocator fromSystem() {
        return new ChdbLibraryLocator(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    /** The library to load; a missing one is an error that says how to fetch it. */
    public Path locate() {
        Optional<String> configured = ChdbSetting.given(propertyValue, environment, ENVIRONMENT);
        if (configured.isPresent()) {
            Path path = Path.of(configured.get());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("the chDB library configured by " + PROPERTY + " / " + ENVIRONMENT
                        + " does not exist: " + path + ". Fetch it with scripts/fetch-chdb.sh (prints its path) "
                        + "or point " + PROPERTY + " at an existing libchdb.so");
            }
            return path;
        }
        Path cached = defaultCachePath();
        if (!Files.isRegularFile(cached)) {
            throw new IllegalStateException("the chDB engine library is not at " + cached + ". Fetch it with "
                    + "scripts/fetch-chdb.sh (needs npm; caches chDB " + PINNED_VERSION + " outside the repo), "
                    + "or set -D" + PROPERTY + "=/path/to/libchdb.so or " + ENVIRONMENT
                    + ", or use the jdbc transport with a ClickHouse server");
        }
        return cached;
    }

    /** Where the fetch script puts the pinned version. */
    public Path defaultCachePath() {
        Path root = ChdbSetting.given(null, environment, "BROOK_CACHE").map(Path::of)
                .orElseGet(() -> Path.of(userHome, ".cache", "brook"));
        return root.resolve("chdb").resolve(PINNED_VERSION).resolve(LIBRARY_FILE);
    }

    private static String pinnedVersion() {
        java.util.Properties properties = new java.util.Properties();
        try (var in = ChdbLibraryLocator.class.getResourceAsStream("chdb.properties")) {
            if (in == null) {
                throw new IllegalStateException("chdb.properties is missing from the adapters-clickhouse jar");
            }
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read chdb.properties", e);
        }
        return properties.getProperty("version");
    }
}
