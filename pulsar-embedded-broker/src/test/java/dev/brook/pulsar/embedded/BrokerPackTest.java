package dev.brook.pulsar.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerPackTest {

    @Test
    void theIndexListsTheBootstrapJarFirstAndReadsBackWhatWasWritten() {
        List<BrokerPack.Entry> entries = List.of(
                new BrokerPack.Entry("aa", 1, "zookeeper.jar"),
                new BrokerPack.Entry("bb", 2, BrokerPack.BOOTSTRAP_JAR),
                new BrokerPack.Entry("cc", 3, "bookkeeper.jar"));

        List<BrokerPack.Entry> read = BrokerPack.parseIndex(BrokerPack.formatIndex(entries));

        assertThat(read).extracting(BrokerPack.Entry::name)
                .containsExactly(BrokerPack.BOOTSTRAP_JAR, "bookkeeper.jar", "zookeeper.jar");
        assertThat(read).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void aBrokenIndexOrEntryNameIsRefusedWithTheFix() {
        assertThatThrownBy(() -> BrokerPack.parseIndex("# only a comment\n"))
                .hasMessageContaining("lists no files: rebuild pulsar-embedded-broker");
        assertThatThrownBy(() -> BrokerPack.parseIndex("abc 12\n"))
                .hasMessageContaining("broken broker pack index line 'abc 12'");
        assertThatThrownBy(() -> new BrokerPack.Entry("aa", 1, "../escape.jar"))
                .hasMessageContaining("must be a plain file name");
    }

    @Test
    void aPackInsideAJarIsExtractedOnceToADirectoryNamedByItsHash(@TempDir Path tmp) throws Exception {
        Path jar = packJar(tmp.resolve("pack.jar"), "one.jar", "first file", "two.jar", "second file");
        Path cache = tmp.resolve("cache");
        try (URLClassLoader resources = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            BrokerPack pack = BrokerPack.locate(resources, cache);

            assertThat(pack.libDir().getParent()).isEqualTo(cache);
            assertThat(pack.libDir().getFileName().toString()).matches("[0-9a-f]{16}");
            assertThat(pack.libDir().resolve("one.jar")).hasContent("first file");
            assertThat(pack.libDir().resolve("two.jar")).hasContent("second file");

            Files.writeString(pack.libDir().resolve("marker"), "kept");
            BrokerPack again = BrokerPack.locate(resources, cache);
            assertThat(again.libDir()).isEqualTo(pack.libDir());
            assertThat(again.libDir().resolve("marker")).as("not extracted a second time").exists();
            try (Stream<Path> leftovers = Files.list(cache)) {
                assertThat(leftovers).as("no staging directories left").hasSize(1);
            }
        }
    }

    @Test
    void aCorruptPackIsRefusedAndLeavesNothingHalfExtracted(@TempDir Path tmp) throws Exception {
        Path jar = packJarWithIndex(tmp.resolve("bad.jar"),
                BrokerPack.formatIndex(List.of(new BrokerPack.Entry(sha256("other"), 5, "one.jar"))),
                "one.jar", "first");
        Path cache = tmp.resolve("cache");
        try (URLClassLoader resources = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> BrokerPack.locate(resources, cache))
                    .hasMessageContaining("broker pack file one.jar is corrupt");
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theLauncherNeverReferencesAPulsarClass() throws IOException {
        // Pulsar is on this module's compile class path (to build the bootstrap); the launcher must not use it.
        Path classes = Path.of("target", "classes", "dev", "brook", "pulsar", "embedded");
        try (Stream<Path> files = Files.list(classes)) {
            List<Path> launcherClasses = files.filter(f -> f.toString().endsWith(".class")).toList();
            assertThat(launcherClasses).isNotEmpty();
            for (Path file : launcherClasses) {
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(constants).as(file.toString()).doesNotContain("org/apache/pulsar", "org/apache/bookkeeper");
            }
        }
    }

    private static Path packJar(Path jar, String name1, String content1, String name2, String content2) throws IOException {
        String index = BrokerPack.formatIndex(List.of(
                new BrokerPack.Entry(sha256(content1), content1.length(), name1),
                new BrokerPack.Entry(sha256(content2), content2.length(), name2)));
        return packJarWithIndex(jar, index, name1, content1, name2, content2);
    }

    private static Path packJarWithIndex(Path jar, String index, String... namesAndContents) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(BrokerPack.INDEX));
            out.write(index.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new JarEntry(BrokerPack.LIB + namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static String sha256(String content) {
        return HexFormat.of().formatHex(BrokerPack.sha256(content.getBytes(StandardCharsets.UTF_8)));
    }
}
