package dev.brook.adapters.clickhouse.chdb;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the JVM's signal handlers across chDB's start-up.
 *
 * <p>{@code chdb_set_signal_handlers_enabled(0)} and {@code chdb_connect()} reset SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE (and more) to the default action. HotSpot relies on its handlers for those: implicit null checks
 * and stack banging in compiled code, safepoint polls. Without them the next NullPointerException in
 * JIT-compiled code kills the process (exit 139, no crash log). So: snapshot every catchable signal's
 * disposition with libc {@code sigaction} before those calls and put the JVM's back right after.
 *
 * <p>That leaves a gap: between chDB's reset and the restore (~150 ms of loading and connecting) any other
 * thread that meets an implicit null check in compiled code kills the process. Where other threads already run
 * (test forks, a job), preload the JDK's signal-chaining library ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}):
 * chDB's {@code sigaction} calls are then recorded behind the JVM's handlers and never replace them, and this
 * guard stands aside ({@link #signalChainingPreloaded()}).
 *
 * <p>The snapshot is the raw {@code struct sigaction}, copied back byte for byte, so its layout only has
 * to fit in the buffer. Comparing two snapshots looks at the handler only: libc leaves the unused tail of
 * the 1024-bit signal mask undefined and adds flags of its own (SA_RESTORER) when a disposition is set.
 */
final class SignalGuard {

    private static final int SIGACTION_BUFFER_BYTES = 512;
    /** SIGKILL and SIGSTOP cannot be caught; every other classic signal is kept. */
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = Platform.isMac() ? 17 : 19;
    private static final int LAST_CLASSIC_SIGNAL = 31;

    private static final LibC LIBC = LibC.INSTANCE;

    private SignalGuard() {
    }

    /**
     * Whether the JDK's libjsig was preloaded: its {@code sigaction} then stands in for libc's, keeps the JVM's
     * handlers installed, and reports to anyone else only the handlers chained behind them.
     */
    static boolean signalChainingPreloaded() {
        try {
            NativeLibrary.getProcess().getFunction("JVM_begin_signal_setting");
            return true;
        } catch (UnsatisfiedLinkError notPreloaded) {
            return false;
        }
    }

    /** The current disposition of each catchable signal 1..31, as raw bytes. */
    static Map<Integer, byte[]> snapshot() {
        Map<Integer, byte[]> dispositions = new LinkedHashMap<>();
        for (int signal = 1; signal <= LAST_CLASSIC_SIGNAL; signal++) {
            if (signal == SIGKILL || signal == SIGSTOP) {
                continue;
            }
            Memory old = new Memory(SIGACTION_BUFFER_BYTES);
            old.clear();
            if (LIBC.sigaction(signal, null, old) != 0) {
                throw new IllegalStateException("sigaction could not read the handler of signal " + signal
                        + " (errno " + Native.getLastError() + ")");
            }
            dispositions.put(signal, old.getByteArray(0, SIGACTION_BUFFER_BYTES));
        }
        return dispositions;
    }

    /** Puts back what {@link #snapshot()} saw. */
    static void restore(Map<Integer, byte[]> dispositions) {
        for (Map.Entry<Integer, byte[]> entry : dispositions.entrySet()) {
            Memory action = new Memory(SIGACTION_BUFFER_BYTES);
            action.write(0, entry.getValue(), 0, SIGACTION_BUFFER_BYTES);
            if (LIBC.sigaction(entry.getKey(), action, null) != 0) {
                throw new IllegalStateException("sigaction could not restore the JVM's handler of signal " + entry.getKey()
                        + " (errno " + Native.getLastError() + ")");
            }
        }
    }

    /** The address of the function handling {@code signal} now (0 = default action, 1 = ignored). */
    static long handlerAddress(int signal) {
        Memory current = new Memory(SIGACTION_BUFFER_BYTES);
        if (LIBC.sigaction(signal, null, current) != 0) {
            throw new IllegalStateException("sigaction could not read the handler of signal " + signal);
        }
        return current.getLong(0);
    }

    /** The signals whose handler differs between two snapshots. */
    static java.util.List<Integer> changed(Map<Integer, byte[]> before, Map<Integer, byte[]> after) {
        return before.keySet().stream()
                .filter(s -> !Arrays.equals(before.get(s), 0, Native.POINTER_SIZE, after.get(s), 0, Native.POINTER_SIZE))
                .toList();
    }
}
