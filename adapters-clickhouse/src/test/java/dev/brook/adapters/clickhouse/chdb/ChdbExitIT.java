package dev.brook.adapters.clickhouse.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.brook.adapters.clickhouse.chdb.ProbeJvm.assertThat;

/**
 * A JVM that used chDB exits with its own status, however it ends — not with a crash in chDB's teardown
 * (exit 134 and a crash log, see {@link ExitGuard}). Each case runs {@link ChdbExitProbe} in a JVM of its
 * own, on a data directory of its own; the common endings run several times because the crash was a race.
 */
class ChdbExitIT {

    private static final int ROWS = ProbeJvm.ROWS;
    private static final String STORED = ProbeJvm.STORED;

    @TempDir
    Path work;

    @Test
    void returningFromMainExitsWithZero() throws Exception {
        for (int run = 1; run <= 3; run++) {
            assertThat(probe("return", run)).hasStatus(0).printed(STORED);
        }
    }

    @Test
    void systemExitZeroExitsWithZero() throws Exception {
        for (int run = 1; run <= 3; run++) {
            assertThat(probe("exit", run)).hasStatus(0).printed(STORED);
        }
    }

    @Test
    void anotherExitStatusIsKept() throws Exception {
        assertThat(probe("exit3", 1)).hasStatus(3).printed(STORED);
    }

    @Test
    void haltExitsWithZero() throws Exception {
        assertThat(probe("halt", 1)).hasStatus(0).printed(STORED);
    }

    /** What an application's Ctrl-C summary does: the engine must still answer inside shutdown hooks. */
    @Test
    void shutdownHooksOfTheApplicationCanStillWriteAndQuery() throws Exception {
        for (int run = 1; run <= 2; run++) {
            assertThat(probe("hook", run)).hasStatus(0).printed(STORED)
                    .printed("windows counted in a shutdown hook: " + ROWS);
        }
    }

    @Test
    void whatWasWrittenBeforeTheExitIsThereAtTheNextStart() throws Exception {
        Path dataDir = work.resolve("kept");
        assertThat(probe("exit", dataDir)).hasStatus(0).printed(STORED);
        assertThat(probe("count", dataDir)).hasStatus(0).printed(STORED);
    }

    private ProbeJvm.Ending probe(String how, int run) throws IOException, InterruptedException {
        return probe(how, work.resolve(how + "-" + run));
    }

    private ProbeJvm.Ending probe(String how, Path dataDir) throws IOException, InterruptedException {
        return new ProbeJvm(work).run(how, dataDir);
    }
}
