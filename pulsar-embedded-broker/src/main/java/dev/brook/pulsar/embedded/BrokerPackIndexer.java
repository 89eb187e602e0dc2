package dev.brook.pulsar.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Build step (run by Maven in {@code process-classes}): jars the bootstrap classes and resources into the
 * pack's {@code lib} directory and writes the index of {@link BrokerPack}.
 *
 * <p>Arguments: {@code <pack dir> <bootstrap dir>...}; the pack dir's {@code lib/} already holds the broker's
 * dependency tree. The bootstrap jar is reproducible (fixed timestamps, sorted entries) so an unchanged
 * bootstrap keeps the pack's hash and its cached extraction.
 */
public final class BrokerPackIndexer {

    private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, the zip epoch

    private BrokerPackIndexer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: BrokerPackIndexer <pack dir> <bootstrap classes/resources dir>...");
        }
        Path packDir = Path.of(args[0]);
        Path libDir = packDir.resolve("lib");
        List<Path> bootstrapDirs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            bootstrapDirs.add(Path.of(args[i]));
        }
        writeBootstrapJar(bootstrapDirs, libDir.resolve(BrokerPack.BOOTSTRAP_JAR));
        List<BrokerPack.Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(libDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.add(describe(file));
            }
        }
        Files.writeString(packDir.resolve("index.txt"), BrokerPack.formatIndex(entries), StandardCharsets.UTF_8);
        long bytes = entries.stream().mapToLong(BrokerPack.Entry::size).sum();
        System.out.printf("broker pack: %d files, %.1f MB in %s%n", entries.size(), bytes / 1e6, libDir);
    }

    private static BrokerPack.Entry describe(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), BrokerPack.newSha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            String hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new BrokerPack.Entry(hash, Files.size(file), file.getFileName().toString());
        }
    }

    private static void writeBootstrapJar(List<Path> roots, Path jar) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .forEach(f -> files.put(root.relativize(f).toString().replace('\\', '/'), f));
            }
        }
        if (files.keySet().stream().noneMatch(name -> name.endsWith("BrokerBootstrap.class"))) {
            throw new IllegalStateException("no BrokerBootstrap.class under " + roots + ": compile the bootstrap first");
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var file : files.entrySet()) {
                JarEntry entry = new JarEntry(file.getKey());
                entry.setLastModifiedTime(FIXED_TIME);
                out.putNextEntry(entry);
                Files.copy(file.getValue(), out);
                out.closeEntry();
            }
        }
    }
}
