package dev.brook.adapters.clickhouse.chdb;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a JVM that ran chDB exit with its own status instead of a crash.
 *
 * <p>Why it is needed: {@code exit(status)} — which the JVM calls last, from its VM thread or the
 * launcher's — runs libchdb's C++ static destructors. They tear down the engine's global state while
 * its own threads (the query thread, background merges and schedules) still run on it, and the process
 * dies of SIGSEGV after the Java program is done (seen: exit 134 and a crash log, the faulting frame in
 * libchdb on the VM thread or on a chDB thread). Closing the connection in a shutdown hook first is no
 * cure: a hook cannot be ordered after the application's own hooks, which may still write or query
 * (a summary printed on Ctrl-C) and would then reach the freed connection; and hooks never run after
 * {@code Runtime.halt} or when their thread cannot start.
 *
 * <p>What it does: glibc runs {@code on_exit} handlers in reverse order of registration, before the
 * destructors of libraries loaded earlier. Registering libc's own {@code _exit} as such a handler after
 * libchdb is loaded makes {@code exit(status)} end the process with {@code _exit(status)} right there:
 * the status is kept, the engine's teardown is skipped, and no Java code runs during the exit. For the
 * engine this is like being killed at the end of the process, which ClickHouse storage is built to
 * survive (a part is committed by renaming it into place; an unfinished merge is a temporary directory
 * removed at the next start). C stdio buffers are not flushed; the JVM writes {@code System.out/err}
 * unbuffered with {@code write(2)}, so Java output is complete.
 *
 * <p>The handler is registered when the engine starts and again from a shutdown hook, so that it runs
 * before destructors libchdb registers later (function-local statics). The hook thread belongs to the
 * root thread group: a group the application made may be destroyed before the JVM exits (exec:java
 * does), and a hook thread of a destroyed group silently never starts.
 */
final class ExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);

    private ExitGuard() {
    }

    /** Registers the handler now and once more when the JVM shuts down. */
    static void install() {
        if (!Platform.isLinux()) {
            LOG.warn("no on_exit on {}: a JVM that ran chDB may crash in chDB's teardown when it exits",
                    System.getProperty("os.name"));
            return;
        }
        Function exitNow = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("_exit");
        register(exitNow);
        Thread lateRegistration = new Thread(rootThreadGroup(), () -> register(exitNow), "chdb-exit-guard");
        Runtime.getRuntime().addShutdownHook(lateRegistration);
    }

    /** {@code _exit(int)} as an {@code on_exit} handler: its first argument is the exit status, the second is ignored. */
    private static void register(Function exitNow) {
        if (LibC.INSTANCE.on_exit(exitNow, null) != 0) {
            throw new IllegalStateException("on_exit could not register the exit guard of chDB");
        }
    }

    private static ThreadGroup rootThreadGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
