package dev.brook.adapters.clickhouse.chdb;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM that used chDB exits with its own status, however it ends — not with a crash in chDB's teardown
 * (exit 134 and a crash log, see {@link ExitGuard}). Each case runs {@link ChdbExitProbe} in a JVM of its
 * own, on a data directory of its own; the common endings run several times because the crash was a race.
 */
class ChdbExitIT {

    private static final int ROWS = ChdbExitProbe.SOURCES * ChdbExitProbe.WINDOWS;
    private static final String STORED = "windows stored: " + ROWS;

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

    private Ending probe(String how, int run) throws IOException, InterruptedException {
        return probe(how, work.resolve(how + "-" + run));
    }

    private Ending probe(String how, Path dataDir) throws IOException, InterruptedException {
        Path crashLogs = Files.createDirectories(work.resolve("crash-logs"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:ErrorFile=" + crashLogs.resolve("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path")));
        String library = System.getProperty(ChdbLibraryLocator.PROPERTY);
        if (library != null) {
            command.add("-D" + ChdbLibraryLocator.PROPERTY + "=" + library);
        }
        command.addAll(List.of(ChdbExitProbe.class.getName(), dataDir.toString(), how));
        Path output = work.resolve("output-" + dataDir.getFileName() + "-" + how + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe (" + how + ") did not end within 180 s: " + Files.readString(output));
        }
        List<String> crashes;
        try (Stream<Path> files = Files.list(crashLogs)) {
            crashes = files.map(Path::toString).toList();
        }
        return new Ending(how, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), crashes);
    }

    private static EndingAssert assertThat(Ending ending) {
        return new EndingAssert(ending);
    }

    private record Ending(String how, int status, String output, List<String> crashLogs) {
    }

    private record EndingAssert(Ending ending) {
        EndingAssert hasStatus(int expected) {
            Assertions.assertThat(ending.status())
                    .as("exit status of the probe ending by '%s'; crash logs %s; its output:%n%s", ending.how(),
                            ending.crashLogs(), ending.output())
                    .isEqualTo(expected);
            Assertions.assertThat(ending.crashLogs()).as("crash logs").isEmpty();
            return this;
        }

        EndingAssert printed(String line) {
            Assertions.assertThat(ending.output()).as("output of the probe ending by '%s'", ending.how())
                    .contains(line);
            return this;
        }
    }
}
