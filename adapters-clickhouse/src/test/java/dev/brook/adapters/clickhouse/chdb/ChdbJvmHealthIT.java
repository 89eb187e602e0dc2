package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.EmbeddedEngineForTests;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After chDB has connected in this test JVM, the JVM still handles the signals its compiled code relies on:
 * without them the first NullPointerException in JIT-compiled code kills the process (exit 139), so this IT
 * failing means the whole test JVM dies, loudly. This fork runs with libjsig preloaded (see the pom);
 * {@link ChdbSignalChainingIT} covers a JVM without it.
 */
class ChdbJvmHealthIT {

    private static ChdbEngine engine;

    @BeforeAll
    static void startChdb() {
        engine = EmbeddedEngineForTests.transport().engine();
        assertThat(query("SELECT 40 + 2")).isEqualTo("42");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDeadlySignalsAreStillCaughtAndTheJvmsHandlersAreInPlace() {
        for (int signal : KernelSignalView.DEADLY) {
            assertThat(KernelSignalView.caught(signal)).as("signal %d caught", signal).isTrue();
            if (!SignalGuard.signalChainingPreloaded()) { // libjsig would answer with the chained handler
                long handler = SignalGuard.handlerAddress(signal);
                assertThat(KernelSignalView.liesIn("libjvm.so", handler))
                        .as("handler of signal %d at 0x%x lies in libjvm.so", signal, handler).isTrue();
            }
        }
    }

    @Test
    void aNullPointerInCompiledCodeIsAnException() {
        assertThat(CompiledCodeFaults.nullPointersCaught()).isEqualTo(CompiledCodeFaults.FAULTS);
        assertThat(query("SELECT count() FROM numbers(1000)")).isEqualTo("1000");
    }

    @Test
    void aDivisionByZeroInCompiledCodeIsAnException() {
        assertThat(CompiledCodeFaults.divisionsByZeroCaught()).isEqualTo(CompiledCodeFaults.FAULTS);
        assertThat(query("SELECT 7 * 6")).isEqualTo("42");
    }

    @Test
    void aStackOverflowIsAnError() {
        assertThat(CompiledCodeFaults.stackOverflowsCaught(3)).isEqualTo(3);
        assertThat(query("SELECT 'still here'")).isEqualTo("still here");
    }

    @Test
    void garbageCollectionWhileCompiledLoopsRun() throws InterruptedException {
        assertThat(CompiledCodeFaults.progressOfLoopsAcrossGarbageCollections()).isGreaterThan(2);
        assertThat(query("SELECT sum(number) FROM numbers(10)")).isEqualTo("45");
    }

    private static String query(String sql) {
        return new String(engine.run(sql, "TabSeparated", QueryParameters.none())).strip();
    }
}
