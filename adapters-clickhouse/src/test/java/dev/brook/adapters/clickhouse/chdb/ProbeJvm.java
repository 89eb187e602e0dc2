package dev.brook.adapters.clickhouse.chdb;

import org.assertj.core.api.Assertions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link ChdbExitProbe} or {@link ChdbSignalProbe} in a JVM of its own, so a test can see how a whole
 * process that used chDB behaves: its exit status, its output, its crash logs.
 */
final class ProbeJvm {

    static final int ROWS = ChdbExitProbe.SOURCES * ChdbExitProbe.WINDOWS;
    static final String STORED = "windows stored: " + ROWS;

    /** The JDK's signal-chaining library (Linux). */
    static final Path LIBJSIG = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");

    private final Path work;

    ProbeJvm(Path work) {
        this.work = work;
    }

    /** The probe ending by {@code how} on {@code dataDir}, its standard input an open pipe nobody writes to. */
    Ending run(String how, Path dataDir) throws IOException, InterruptedException {
        return run(how, dataDir, new byte[0], false, 180);
    }

    /**
     * The probe with {@code stdin} written to its standard input, which is then closed or left open
     * (as Maven's command pipe to a test fork is); it must end within {@code timeoutSeconds}.
     */
    Ending run(String how, Path dataDir, byte[] stdin, boolean closeStdin, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(ChdbExitProbe.class, how, dataDir, false, stdin, closeStdin, timeoutSeconds);
    }

    /** {@link ChdbSignalProbe} in {@code mode}, with the JDK's libjsig preloaded or not. */
    Ending runSignalProbe(String mode, Path dataDir, boolean signalChaining) throws IOException, InterruptedException {
        return run(ChdbSignalProbe.class, mode, dataDir, signalChaining, new byte[0], false, 180);
    }

    /**
     * Without {@code signalChaining} the probe runs as {@code java -jar} does, whatever this fork was started
     * with: chDB's start then resets the JVM's handlers and {@link SignalGuard} puts them back.
     */
    private Ending run(Class<?> probe, String how, Path dataDir, boolean signalChaining, byte[] stdin,
                       boolean closeStdin, int timeoutSeconds) throws IOException, InterruptedException {
        Path crashLogs = Files.createDirectories(work.resolve("crash-logs"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:ErrorFile=" + crashLogs.resolve("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path")));
        String library = System.getProperty(ChdbLibraryLocator.PROPERTY);
        if (library != null) {
            command.add("-D" + ChdbLibraryLocator.PROPERTY + "=" + library);
        }
        command.addAll(List.of(probe.getName(), dataDir.toString(), how));
        Path output = work.resolve("output-" + dataDir.getFileName() + "-" + how + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (signalChaining) {
            builder.environment().put("LD_PRELOAD", LIBJSIG.toString());
        } else {
            builder.environment().remove("LD_PRELOAD");
        }
        Process process = builder.start();
        OutputStream input = process.getOutputStream();
        try {
            input.write(stdin);
            input.flush();
            if (closeStdin) {
                input.close();
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the probe (" + how + ") did not end within " + timeoutSeconds + " s: "
                        + Files.readString(output));
            }
        } finally {
            input.close();
        }
        List<String> crashes;
        try (Stream<Path> files = Files.list(crashLogs)) {
            crashes = files.map(Path::toString).toList();
        }
        return new Ending(how, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), crashes);
    }

    static EndingAssert assertThat(Ending ending) {
        return new EndingAssert(ending);
    }

    record Ending(String how, int status, String output, List<String> crashLogs) {
    }

    record EndingAssert(Ending ending) {
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
