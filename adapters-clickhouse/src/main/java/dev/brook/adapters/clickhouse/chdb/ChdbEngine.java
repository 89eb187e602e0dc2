package dev.brook.adapters.clickhouse.chdb;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one chDB engine of this JVM. chDB keeps one storage path per process, so the engine is a
 * process-wide holder: every store in the JVM shares it, and asking for a second, different data
 * directory is an error. It stays up until the process ends and is never closed (chDB is meant to boot
 * once per process): statements keep working inside the application's own shutdown hooks, and the
 * process ends past chDB's teardown ({@link ExitGuard}).
 *
 * <p>Start-up also guards the JVM's signal handlers ({@link SignalGuard}); call {@link #open(Path)}
 * early, before the application's own threads run, as the first thing that touches chDB.
 */
public final class ChdbEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ChdbEngine.class);
    private static final Object HOLDER_LOCK = new Object();
    /**
     * The Linux nice value of the engine's merge and mutation threads: below queries and inserts. Merges are
     * catch-up work, but on a small machine a query shares the cores with them: the engine runs two, and on two
     * cores that is all of them. During a replay at full speed (14 queries asked 20 times, each after a 1,000-row
     * write; three alternating pairs of runs) the sum of the p95s was 364-407 ms at the same priority and 286-332
     * at nice 10. At 10 a merge still gets about a tenth of a core that a busy thread holds, so merges keep up
     * under sustained load, and all of any idle CPU. The engine applies it only with CAP_SYS_NICE.
     */
    public static final int MERGE_THREAD_NICE = 10;
    private static ChdbEngine instance;

    private final Path dataDir;
    private final ChdbLibrary library;
    private final Pointer connection;
    private final Path libraryPath;
    private final Duration loadTime;
    private final Duration connectTime;
    // One statement at a time: a chDB connection runs statements one by one.
    private final ReentrantLock statementLock = new ReentrantLock();
    // Guarded by statementLock.
    private long statements;
    private double engineSeconds;

    /**
     * How many statements succeeded and how long the engine itself says they took, since start-up. Beside the
     * caller's wall time it shows what is the engine's and what is waiting (a loaded machine, the lock).
     */
    public record EngineTime(long statements, Duration elapsed) {
    }

    private ChdbEngine(Path dataDir, Path libraryPath, ChdbLibrary library, Pointer connectionSlot,
                       Duration loadTime, Duration connectTime) {
        this.dataDir = dataDir;
        this.libraryPath = libraryPath;
        this.library = library;
        this.connection = connectionSlot.getPointer(0);
        this.loadTime = loadTime;
        this.connectTime = connectTime;
    }

    /**
     * The engine on {@code dataDir}, started on first use. A different directory than the running
     * engine's is refused: chDB holds one storage path per process.
     */
    public static ChdbEngine open(Path dataDir) {
        Path normalized = normalize(dataDir);
        synchronized (HOLDER_LOCK) {
            if (instance == null) {
                instance = start(normalized, ChdbLibraryLocator.fromSystem().locate(), UncompressedCache.fromSystem());
            } else if (!instance.dataDir.equals(normalized)) {
                throw new IllegalStateException("chDB already runs on " + instance.dataDir + " in this JVM and cannot also "
                        + "open " + normalized + ": the engine holds one storage path per process. Use the same data "
                        + "directory for every embedded store of this JVM (or the jdbc transport for a second store)");
            }
            return instance;
        }
    }

    /** The running engine, if one was opened in this JVM. */
    public static java.util.Optional<ChdbEngine> running() {
        synchronized (HOLDER_LOCK) {
            return java.util.Optional.ofNullable(instance);
        }
    }

    private static Path normalize(Path dataDir) {
        if (dataDir == null) {
            throw new IllegalArgumentException("the chDB data directory is required (e.g. ./brook-data/clickhouse)");
        }
        try {
            Files.createDirectories(dataDir);
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the chDB data directory " + dataDir, e);
        }
    }

    private static ChdbEngine start(Path dataDir, Path libraryPath, UncompressedCache cache) {
        long loadStart = System.nanoTime();
        boolean chained = SignalGuard.signalChainingPreloaded();
        Map<Integer, byte[]> jvmHandlers = chained ? Map.of() : SignalGuard.snapshot();
        ChdbLibrary library;
        Pointer slot;
        long connectStart;
        try {
            library = Native.load(libraryPath.toString(), ChdbLibrary.class);
            connectStart = System.nanoTime();
            // Off: otherwise chDB's crash handler catches the JVM's own SIGSEGVs (implicit null checks) and hangs it.
            library.chdb_set_signal_handlers_enabled(0);
            List<String> arguments = connectArguments(dataDir, cache);
            slot = library.chdb_connect(arguments.size(), arguments.toArray(String[]::new));
        } finally {
            // Both calls above reset the deadly signals to SIG_DFL (unless libjsig chains them): the JVM's handlers
            // go back before anything else runs.
            SignalGuard.restore(jvmHandlers);
        }
        long connected = System.nanoTime();
        if (slot == null || slot.getPointer(0) == null) {
            throw new IllegalStateException("chDB (" + libraryPath + ") could not open its data directory " + dataDir
                    + "; check that it is writable and not used by another process");
        }
        ChdbEngine engine = new ChdbEngine(dataDir, libraryPath, library, slot,
                Duration.ofNanos(connectStart - loadStart), Duration.ofNanos(connected - connectStart));
        // The query profiler's timers raise SIGUSR1/SIGUSR2, which belong to the JVM here (or kill it at SIG_DFL).
        // chDB 26.5 ignores settings given to chdb_connect, so they are set on the session.
        engine.run("SET query_profiler_real_time_period_ns = 0", "TabSeparated", QueryParameters.none());
        engine.run("SET query_profiler_cpu_time_period_ns = 0", "TabSeparated", QueryParameters.none());
        if (cache.enabled()) {
            engine.run("SET use_uncompressed_cache = 1", "TabSeparated", QueryParameters.none());
        }
        List<String> compilationOff = ClickHouseTransport.JIT_COMPILATION_SETTINGS.stream().map(setting -> setting + " = 0").toList();
        engine.run("SET " + String.join(", ", compilationOff), "TabSeparated", QueryParameters.none());
        ExitGuard.install();
        LOG.info("chDB {} loaded in {} ms, connected to {} in {} ms, uncompressed cache {} MiB, merges {}; the JVM's signal handlers {}",
                libraryPath, engine.loadTime.toMillis(), dataDir, engine.connectTime.toMillis(), cache.bytes() >> 20,
                mayChangeThreadNice() ? "at nice " + MERGE_THREAD_NICE : "at the queries' priority (no CAP_SYS_NICE)",
                chained ? "stayed in place (libjsig preloaded)" : "were put back after chDB reset them");
        return engine;
    }

    /** Server settings such as the cache size do take effect here, unlike query settings (set on the session above). */
    private static List<String> connectArguments(Path dataDir, UncompressedCache cache) {
        List<String> args = new ArrayList<>();
        args.add("clickhouse");
        args.add("--path=" + dataDir);
        args.add("--uncompressed_cache_size=" + cache.bytes());
        args.add("--os_threads_nice_value_merge_mutate=" + MERGE_THREAD_NICE);
        return args;
    }

    /** Whether this process holds CAP_SYS_NICE, without which the engine leaves its threads' nice values alone. */
    static boolean mayChangeThreadNice() {
        int capSysNice = 23;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16) & (1L << capSysNice)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false; // not Linux, or a kernel that does not say: the engine sets no nice values there either
        }
        return false;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path libraryPath() {
        return libraryPath;
    }

    public Duration loadTime() {
        return loadTime;
    }

    public Duration connectTime() {
        return connectTime;
    }

    public EngineTime engineTime() {
        statementLock.lock();
        try {
            return new EngineTime(statements, Duration.ofNanos(Math.round(engineSeconds * 1e9)));
        } finally {
            statementLock.unlock();
        }
    }

    /** Runs one statement; returns its output in {@code format}, or throws the engine's error. */
    public byte[] run(String sql, String format, QueryParameters parameters) {
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        return run(sqlBytes, format, parameters, sql);
    }

    /** Like {@link #run(String, String, QueryParameters)} for a statement already encoded (inline insert data). */
    public byte[] run(byte[] sqlBytes, String format, QueryParameters parameters, String descriptionForErrors) {
        Memory query = copy(sqlBytes);
        Memory formatMemory = copy(format.getBytes(StandardCharsets.US_ASCII));
        statementLock.lock();
        try {
            Pointer result = parameters.isEmpty()
                    ? library.chdb_query_n(connection, query, sqlBytes.length, formatMemory, formatMemory.size())
                    : queryWithParameters(query, sqlBytes.length, formatMemory, parameters);
            if (result == null) {
                throw new ClickHouseStatementException("chDB returned neither a result nor an error for: "
                        + abbreviate(descriptionForErrors), -1, false, null);
            }
            try {
                String error = library.chdb_result_error(result);
                if (error != null && !error.isEmpty()) {
                    throw ClickHouseStatementException.fromEngineMessage(abbreviate(descriptionForErrors), error, null);
                }
                statements++;
                engineSeconds += library.chdb_result_elapsed(result);
                long length = library.chdb_result_length(result);
                Pointer buffer = library.chdb_result_buffer(result);
                return length == 0 || buffer == null ? new byte[0] : buffer.getByteArray(0, Math.toIntExact(length));
            } finally {
                library.chdb_destroy_query_result(result);
            }
        } finally {
            statementLock.unlock();
        }
    }

    private Pointer queryWithParameters(Memory query, long queryLength, Memory format, QueryParameters parameters) {
        int count = parameters.asMap().size();
        Memory names = new Memory((long) Native.POINTER_SIZE * count);
        Memory nameLengths = new Memory(8L * count);
        Memory values = new Memory((long) Native.POINTER_SIZE * count);
        Memory valueLengths = new Memory(8L * count);
        List<Memory> keepAlive = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> entry : parameters.asMap().entrySet()) {
            Memory name = copy(entry.getKey().getBytes(StandardCharsets.UTF_8));
            Memory value = copy(entry.getValue().getBytes(StandardCharsets.UTF_8));
            keepAlive.add(name);
            keepAlive.add(value);
            names.setPointer((long) Native.POINTER_SIZE * i, name);
            nameLengths.setLong(8L * i, entry.getKey().getBytes(StandardCharsets.UTF_8).length);
            values.setPointer((long) Native.POINTER_SIZE * i, value);
            valueLengths.setLong(8L * i, entry.getValue().getBytes(StandardCharsets.UTF_8).length);
            i++;
        }
        Pointer result = library.chdb_query_with_params_n(connection, query, queryLength, format, format.size(),
                names, nameLengths, values, valueLengths, count);
        keepAlive.clear();
        return result;
    }

    /** Native memory holding the bytes; one spare byte so an empty value still has an address. */
    private static Memory copy(byte[] bytes) {
        Memory memory = new Memory(Math.max(1, bytes.length));
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
