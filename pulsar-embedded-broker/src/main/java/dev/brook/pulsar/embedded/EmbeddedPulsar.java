package dev.brook.pulsar.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A real Pulsar broker (one bookie, RocksDB metadata, no ZooKeeper) in this JVM, in its own class loader,
 * listening on free loopback ports.
 *
 * <pre>{@code
 * try (EmbeddedPulsar pulsar = EmbeddedPulsar.start(dataDir)) {
 *     String serviceUrl = pulsar.serviceUrl();   // pulsar://127.0.0.1:<port>
 *     String adminUrl = pulsar.httpUrl();        // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>This class has no Pulsar type in its signature: the broker (pulsar-broker 4.x) never meets the
 * application's Pulsar client (3.0.x, required by Flink's connector). The data directory survives a
 * restart: topics and messages are still there. A shutdown hook closes the broker if the JVM exits first.
 */
public final class EmbeddedPulsar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPulsar.class);
    private static final String BOOTSTRAP_CLASS = "dev.brook.pulsar.embedded.bootstrap.BrokerBootstrap";
    private static final String SCRATCH_PREFIX = "embedded-pulsar-";

    private final Object bootstrap;
    private final ClassLoader loader;
    private final Path dataDir;
    private final String serviceUrl;
    private final String httpUrl;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedPulsar(Object bootstrap, ClassLoader loader, Path dataDir, Map<String, String> urls,
                           Duration startupTime) {
        this.bootstrap = bootstrap;
        this.loader = loader;
        this.dataDir = dataDir;
        this.serviceUrl = urls.get("serviceUrl");
        this.httpUrl = urls.get("httpUrl");
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::closeFromHook, "embedded-pulsar-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker keeping its data in {@code dataDir} (created if missing) with the default settings. */
    public static EmbeddedPulsar start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Starts a broker keeping its data in {@code dataDir}.
     *
     * @param brokerProperties broker.conf properties overriding the embedded defaults, e.g.
     *                         {@code managedLedgerCacheSizeMB}
     * @throws EmbeddedPulsarException when it cannot start; everything started so far is stopped again
     */
    public static EmbeddedPulsar start(Path dataDir, Map<String, String> brokerProperties) {
        Objects.requireNonNull(dataDir, "dataDir");
        long began = System.nanoTime();
        requireDiskHeadroom(dataDir);
        BrokerPack pack = BrokerPack.locate();
        ClassLoader loader = pack.classLoader();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dataDir", dataDir.toAbsolutePath().toString());
        settings.put("diskUsageThreshold", Double.toString(DiskHeadroom.FULL_PER_MILLE / 1000.0));
        settings.put("journalPreAllocSizeMB", Integer.toString(DiskHeadroom.JOURNAL_PREALLOCATION_MB));
        brokerProperties.forEach((key, value) -> settings.put("broker." + key, value));
        Object bootstrap;
        Map<String, String> urls;
        try {
            bootstrap = withLoader(loader, () -> loader.loadClass(BOOTSTRAP_CLASS).getConstructor().newInstance());
            urls = castMap(invoke(bootstrap, loader, "start", settings));
        } catch (Exception e) {
            throw new EmbeddedPulsarException("the embedded Pulsar broker failed to start in " + dataDir.toAbsolutePath()
                    + ": " + describe(e), e);
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - began);
        EmbeddedPulsar pulsar = new EmbeddedPulsar(bootstrap, loader, dataDir.toAbsolutePath(), urls, startupTime);
        LOG.info("Embedded Pulsar broker started in {} ms: {} (admin {}), data in {}", startupTime.toMillis(),
                pulsar.serviceUrl, pulsar.httpUrl, pulsar.dataDir);
        return pulsar;
    }

    /**
     * A new data directory under {@code parent} for a broker that lives for one run (tests, benchmarks). The ones
     * earlier runs left there are removed first: they never pile up (each holds hundreds of MB after a test
     * run), and the last run's data stays to look at.
     */
    public static Path newScratchDataDir(Path parent) throws IOException {
        Files.createDirectories(parent);
        try (Stream<Path> earlier = Files.list(parent)) {
            earlier.filter(dir -> dir.getFileName().toString().startsWith(SCRATCH_PREFIX) && Files.isDirectory(dir))
                    .forEach(BrokerPack::deleteTree);
        }
        return Files.createTempDirectory(parent, SCRATCH_PREFIX);
    }

    private static void requireDiskHeadroom(Path dataDir) {
        DiskHeadroom headroom;
        try {
            headroom = DiskHeadroom.of(Files.createDirectories(dataDir));
        } catch (IOException e) {
            throw new EmbeddedPulsarException("the embedded Pulsar broker failed to start in " + dataDir.toAbsolutePath()
                    + ": cannot create that directory (" + e + ")", e);
        }
        if (headroom.tooLittle()) {
            throw new EmbeddedPulsarException("the embedded Pulsar broker failed to start in " + dataDir.toAbsolutePath()
                    + ": " + headroom.shortage(), null);
        }
    }

    /** The binary protocol URL for clients, {@code pulsar://127.0.0.1:<port>}. */
    public String serviceUrl() {
        return serviceUrl;
    }

    /** The admin/REST URL, {@code http://127.0.0.1:<port>}. */
    public String httpUrl() {
        return httpUrl;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** From the call to {@link #start} until the broker accepted clients, pack extraction included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker and the bookie; the data directory stays. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself (or during JVM exit): nothing to unregister.
        }
        long began = System.nanoTime();
        try {
            invoke(bootstrap, loader, "close");
        } catch (Exception e) {
            throw new EmbeddedPulsarException("the embedded Pulsar broker at " + serviceUrl + " did not stop cleanly: "
                    + describe(e), e);
        }
        LOG.info("Embedded Pulsar broker {} stopped in {} ms", serviceUrl, (System.nanoTime() - began) / 1_000_000);
    }

    private void closeFromHook() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("embedded Pulsar broker: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPulsar[" + serviceUrl + ", " + httpUrl + ", data " + dataDir + "]";
    }

    private static Object invoke(Object target, ClassLoader loader, String name, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Map ? Map.class : args[i].getClass();
        }
        Method method = target.getClass().getMethod(name, types);
        return withLoader(loader, () -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    /** The broker looks up services and configuration through the thread context class loader. */
    private static <T> T withLoader(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castMap(Object value) {
        return (Map<String, String>) value;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
