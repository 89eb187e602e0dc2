package dev.brook.adapters.clickhouse.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChdbLibraryLocatorTest {

    @TempDir
    Path home;

    @Test
    void thePropertyWinsOverTheEnvironmentAndTheCache() throws IOException {
        Path byProperty = Files.createFile(home.resolve("a.so"));
        Path byEnvironment = Files.createFile(home.resolve("b.so"));

        assertThat(new ChdbLibraryLocator(byProperty.toString(), Map.of("BROOK_CHDB_LIBRARY", byEnvironment.toString()),
                home.toString()).locate()).isEqualTo(byProperty);
        assertThat(new ChdbLibraryLocator(null, Map.of("BROOK_CHDB_LIBRARY", byEnvironment.toString()), home.toString())
                .locate()).isEqualTo(byEnvironment);
    }

    @Test
    void theDefaultIsTheFetchScriptsCacheOfThePinnedVersion() throws IOException {
        Path cached = home.resolve(".cache/brook/chdb/" + ChdbLibraryLocator.PINNED_VERSION + "/libchdb.so");
        Files.createDirectories(cached.getParent());
        Files.createFile(cached);

        assertThat(new ChdbLibraryLocator(null, Map.of(), home.toString()).locate()).isEqualTo(cached);
        assertThat(new ChdbLibraryLocator(null, Map.of("BROOK_CACHE", "/x"), home.toString()).defaultCachePath())
                .isEqualTo(Path.of("/x/chdb/" + ChdbLibraryLocator.PINNED_VERSION + "/libchdb.so"));
        assertThat(ChdbLibraryLocator.PINNED_VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aMissingLibrarySaysHowToFetchIt() {
        assertThatThrownBy(() -> new ChdbLibraryLocator(null, Map.of(), home.toString()).locate())
                .hasMessageContaining("scripts/fetch-chdb.sh").hasMessageContaining("brook.chdb.library");
        assertThatThrownBy(() -> new ChdbLibraryLocator("/nope/libchdb.so", Map.of(), home.toString()).locate())
                .hasMessageContaining("does not exist: /nope/libchdb.so").hasMessageContaining("scripts/fetch-chdb.sh");
    }
}
