package dev.brook.pulsar.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The broker's jars (pulsar-broker 4.x and its dependency tree, plus Brook's bootstrap class), packed as
 * resources of this module's jar under {@link #RESOURCE_ROOT} with an {@link #INDEX} listing them.
 *
 * <p>Index format, one line per file in class path order: {@code <sha-256 hex> <size> <file name>}; lines
 * starting with {@code #} are comments. The same class writes it at build time ({@link BrokerPackIndexer}) and reads it.
 *
 * <p>When the resources are plain files (a build's {@code target/classes}, an IDE) they are used where they
 * are; inside a jar (this module's jar, an application's fat jar) they are extracted once to
 * {@code <cache>/<hash of the index>/}, so a new pack never reuses an old extraction and an unchanged
 * pack is never extracted twice; extractions unused for a week are removed when a new one is made. The cache is {@code ~/.cache/brook/pulsar-broker} unless the system
 * property {@value #CACHE_PROPERTY} names another directory.
 */
public final class BrokerPack {

    static final String RESOURCE_ROOT = "dev/brook/pulsar/embedded/pack/";
    static final String INDEX = RESOURCE_ROOT + "index.txt";
    static final String LIB = RESOURCE_ROOT + "lib/";
    /** Brook's bootstrap classes and the broker's logging configuration: first on the class path, so its log4j2.xml wins. */
    static final String BOOTSTRAP_JAR = "brook-broker-bootstrap.jar";
    public static final String CACHE_PROPERTY = "brook.pulsar-broker.cache";
    static final Duration UNUSED_BEFORE_PRUNING = Duration.ofDays(7);
    private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final Path libDir;
    private final List<Entry> entries;

    private BrokerPack(Path libDir, List<Entry> entries) {
        this.libDir = libDir;
        this.entries = List.copyOf(entries);
    }

    /** One packed file. */
    record Entry(String sha256, long size, String name) {

        Entry {
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("pack entry name " + name + " must be a plain file name");
            }
        }

        String toLine() {
            return sha256 + " " + size + " " + name;
        }

        static Entry parse(String line) {
            String[] parts = line.trim().split(" ", 3);
            if (parts.length != 3) {
                throw new IllegalStateException("broken broker pack index line '" + line
                        + "': expected '<sha-256> <size> <name>'; rebuild pulsar-embedded-broker");
            }
            return new Entry(parts[0], Long.parseLong(parts[1]), parts[2]);
        }
    }

    /** Finds the pack on this class's class path, extracting it to the cache when it sits in a jar. */
    public static BrokerPack locate() {
        return locate(BrokerPack.class.getClassLoader(), cacheRoot());
    }

    static BrokerPack locate(ClassLoader resources, Path cacheRoot) {
        URL index = resources.getResource(INDEX);
        if (index == null) {
            throw new IllegalStateException(INDEX + " is not on the class path: the pulsar-embedded-broker jar was built"
                    + " without its broker pack (build it with Maven: ./mvnw -pl pulsar-embedded-broker package)");
        }
        byte[] indexBytes = readAll(index);
        List<Entry> entries = parseIndex(new String(indexBytes, StandardCharsets.UTF_8));
        if ("file".equals(index.getProtocol())) {
            try {
                return new BrokerPack(Path.of(index.toURI()).resolveSibling("lib"), entries);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot turn " + index + " into a path", e);
            }
        }
        Path target = cacheRoot.resolve(HexFormat.of().formatHex(sha256(indexBytes), 0, 8));
        if (!Files.isDirectory(target)) {
            extract(resources, entries, target);
            pruneUnused(cacheRoot, target);
        }
        markUsed(target);
        return new BrokerPack(target, entries);
    }

    /** The directory holding the jars. */
    public Path libDir() {
        return libDir;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * A class loader over the pack's jars whose parent is the platform class loader: nothing of the
     * application's class path (the 3.x Pulsar client, Flink, logging) is visible to the broker. One per pack
     * and JVM, because native libraries (RocksDB) can be loaded by one class loader only.
     */
    public ClassLoader classLoader() {
        return LOADERS.computeIfAbsent(libDir, dir -> {
            List<URL> urls = new ArrayList<>();
            for (Entry entry : entries) {
                Path jar = dir.resolve(entry.name());
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("broker pack file " + jar + " is missing: delete " + dir
                            + " (it is re-extracted) or rebuild pulsar-embedded-broker");
                }
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("cannot make a URL of " + jar, e);
                }
            }
            return new URLClassLoader("embedded-pulsar-broker", urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
        });
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "brook", "pulsar-broker");
    }

    static List<Entry> parseIndex(String text) {
        List<Entry> entries = text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(Entry::parse)
                .toList();
        if (entries.isEmpty()) {
            throw new IllegalStateException("the broker pack index lists no files: rebuild pulsar-embedded-broker");
        }
        return entries;
    }

    static String formatIndex(List<Entry> entries) {
        StringBuilder text = new StringBuilder("# Brook embedded Pulsar broker pack: <sha-256> <size> <file name>\n");
        entries.stream()
                .sorted(Comparator.comparing((Entry e) -> !e.name().equals(BOOTSTRAP_JAR)).thenComparing(Entry::name)).forEach(e -> text.append(e.toLine()).append('\n'));
        return text.toString();
    }

    /** Copies every entry to a private directory, checks sizes and hashes, then moves it into place at once. */
    private static void extract(ClassLoader resources, List<Entry> entries, Path target) {
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            Files.createDirectories(staging);
            for (Entry entry : entries) {
                Path file = staging.resolve(entry.name());
                try (InputStream in = resources.getResourceAsStream(LIB + entry.name())) {
                    if (in == null) {
                        throw new IllegalStateException("broker pack index lists " + entry.name()
                                + " but the jar lacks " + LIB + entry.name() + ": rebuild pulsar-embedded-broker");
                    }
                    DigestInputStream digesting = new DigestInputStream(in, newSha256());
                    long size = Files.copy(digesting, file);
                    String hash = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
                    if (size != entry.size() || !hash.equals(entry.sha256())) {
                        throw new IllegalStateException("broker pack file " + entry.name() + " is corrupt (size "
                                + size + " hash " + hash + ", index says " + entry.size() + " " + entry.sha256() + ")");
                    }
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // Another process extracted the same pack first: theirs is as good as ours.
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded Pulsar broker to " + target
                    + " (set -D" + CACHE_PROPERTY + "=<dir> to use another directory)", e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Extractions of other packs unused for {@link #UNUSED_BEFORE_PRUNING} are removed (each is ~230 MB). */
    private static void pruneUnused(Path cacheRoot, Path keep) {
        FileTime cutoff = FileTime.from(Instant.now().minus(UNUSED_BEFORE_PRUNING));
        try (Stream<Path> siblings = Files.list(cacheRoot)) {
            for (Path sibling : siblings.filter(p -> !p.equals(keep) && Files.isDirectory(p)).toList()) {
                if (Files.getLastModifiedTime(sibling).compareTo(cutoff) < 0) {
                    deleteTree(sibling);
                }
            }
        } catch (IOException e) {
            // Pruning is housekeeping: a failure costs disk space only.
        }
    }

    /** The directory's modification time records its last use, for {@link #pruneUnused}. */
    private static void markUsed(Path dir) {
        try {
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // Read-only cache: it is just never pruned.
        }
    }

    static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    private static byte[] readAll(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** Removes {@code root} and all below it, as far as it can: leftovers only cost disk space. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // What stays is only disk space.
        }
    }
}
