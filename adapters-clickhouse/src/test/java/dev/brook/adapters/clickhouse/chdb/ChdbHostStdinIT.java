package dev.brook.adapters.clickhouse.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.brook.adapters.clickhouse.chdb.ProbeJvm.assertThat;

/**
 * Whatever the host process has on its standard input stays out of the store's inserts. chDB's client
 * reads fd 0 as data for an INSERT that carries data ({@code FROM INFILE} included): such an insert
 * failed, or waited for good on a test fork's command pipe. Each case writes bytes to a probe JVM's stdin,
 * as Maven does to its test forks and {@code cmd | java -jar} does to an application.
 */
class ChdbHostStdinIT {

    private static final byte[] HOST_STDIN = "stdin bytes the store must not read\n\n(1, 'x')\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    @Test
    void insertsIgnoreBytesWaitingOnAnOpenStdin() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).run("return", work.resolve("open"), HOST_STDIN, false, 90);

        assertThat(ending).hasStatus(0).printed(ProbeJvm.STORED);
    }

    @Test
    void insertsIgnoreAStdinThatEnds() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).run("return", work.resolve("closed"), HOST_STDIN, true, 90);

        assertThat(ending).hasStatus(0).printed(ProbeJvm.STORED);
    }
}
