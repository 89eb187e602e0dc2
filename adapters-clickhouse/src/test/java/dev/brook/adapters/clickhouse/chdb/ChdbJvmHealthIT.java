package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.EmbeddedEngineForTests;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After chDB has connected, the JVM still handles the signals its compiled code relies on: without
 * {@link SignalGuard} the first NullPointerException in JIT-compiled code kills the process (exit 139),
 * so this IT failing means the whole test JVM dies, loudly.
 */
class ChdbJvmHealthIT {

    private static final int SIGILL = 4;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;

    private static ChdbEngine engine;

    @BeforeAll
    static void startChdb() {
        engine = EmbeddedEngineForTests.transport().engine();
        assertThat(query("SELECT 40 + 2")).isEqualTo("42");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDeadlySignalsAreStillHandledByTheJvm() throws IOException {
        List<long[]> libjvm = mappingsOf("libjvm.so");
        assertThat(libjvm).as("libjvm.so mappings").isNotEmpty();
        for (int signal : new int[] {SIGSEGV, SIGBUS, SIGILL, SIGFPE}) {
            long handler = SignalGuard.handlerAddress(signal);
            assertThat(libjvm).as("handler of signal %d at 0x%x lies in libjvm.so", signal, handler)
                    .anySatisfy(range -> assertThat(Long.compareUnsigned(handler, range[0]) >= 0
                            && Long.compareUnsigned(handler, range[1]) < 0).isTrue());
        }
    }

    @Test
    void aNullPointerInCompiledCodeIsAnException() {
        long sum = 0;
        for (int i = 0; i < 300_000; i++) {
            sum += lengthOf("warm-up " + (i & 7)); // enough calls for C2
        }
        int caught = 0;
        for (int i = 0; i < 1_000; i++) {
            try {
                sum += lengthOf(null);
            } catch (NullPointerException expected) {
                caught++;
            }
        }
        assertThat(caught).isEqualTo(1_000);
        assertThat(sum).isPositive();
        assertThat(query("SELECT count() FROM numbers(1000)")).isEqualTo("1000");
    }

    @Test
    void aDivisionByZeroInCompiledCodeIsAnException() {
        long sum = 0;
        for (int i = 1; i < 300_000; i++) {
            sum += divide(i, (i & 15) + 1);
        }
        int caught = 0;
        for (int i = 0; i < 1_000; i++) {
            try {
                sum += divide(i, 0);
            } catch (ArithmeticException expected) {
                caught++;
            }
        }
        assertThat(caught).isEqualTo(1_000);
        assertThat(sum).isPositive();
        assertThat(query("SELECT 7 * 6")).isEqualTo("42");
    }

    @Test
    void aStackOverflowIsAnError() {
        for (int round = 0; round < 3; round++) {
            try {
                recurse(0);
                throw new AssertionError("unbounded recursion returned");
            } catch (StackOverflowError expected) {
                // The guard pages raised SIGSEGV and the JVM turned it into this error.
            }
        }
        assertThat(query("SELECT 'still here'")).isEqualTo("still here");
    }

    @Test
    void garbageCollectionWhileCompiledLoopsRun() throws InterruptedException {
        AtomicLong progress = new AtomicLong();
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread loop = new Thread(() -> {
                long local = 0;
                for (int i = 0; i < 40_000_000; i++) {
                    local += i % 7; // a hot counted loop: safepoint polls in compiled code
                    if ((i & 0xFFFFF) == 0) {
                        progress.incrementAndGet();
                    }
                }
                progress.addAndGet(local > 0 ? 1 : 0);
            }, "compiled-loop-" + t);
            loops.add(loop);
            loop.start();
        }
        List<byte[]> garbage = new ArrayList<>();
        for (int gc = 0; gc < 5; gc++) {
            for (int i = 0; i < 2_000; i++) {
                garbage.add(new byte[8_192]);
            }
            garbage.clear();
            System.gc();
        }
        for (Thread loop : loops) {
            loop.join(120_000);
            assertThat(loop.isAlive()).as(loop.getName() + " finished").isFalse();
        }
        assertThat(progress.get()).isGreaterThan(2);
        assertThat(query("SELECT sum(number) FROM numbers(10)")).isEqualTo("45");
    }

    private static int lengthOf(String text) {
        return text.length();
    }

    private static int divide(int a, int b) {
        return a / b;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static String query(String sql) {
        return new String(engine.run(sql, "TabSeparated", QueryParameters.none())).strip();
    }

    private static List<long[]> mappingsOf(String library) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith(library)) {
                String[] bounds = line.substring(0, line.indexOf(' ')).split("-");
                ranges.add(new long[] {Long.parseUnsignedLong(bounds[0], 16), Long.parseUnsignedLong(bounds[1], 16)});
            }
        }
        return ranges;
    }
}
