package dev.brook.pulsar.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchDataDirTest {

    @TempDir
    Path target;

    @Test
    void eachRunGetsANewDirectoryAndOnlyTheLastRunsDataStays() throws Exception {
        Path first = EmbeddedPulsar.newScratchDataDir(target);
        Files.createDirectories(first.resolve("bookkeeper/current"));
        Files.writeString(first.resolve("bookkeeper/current/journal.txn"), "entries");
        Path unrelated = Files.createDirectories(target.resolve("chdb-it-data"));

        Path second = EmbeddedPulsar.newScratchDataDir(target);

        assertThat(second).isDirectory().isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void theParentIsCreatedWhenMissing() throws Exception {
        assertThat(EmbeddedPulsar.newScratchDataDir(target.resolve("fresh/target"))).isDirectory();
    }
}
