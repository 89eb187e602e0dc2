package dev.brook.app.local.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app run as a user runs it: {@code java -jar app-local.jar ...} in its own process. Output
 * lines are collected (and echoed with a prefix, so a failing CI log shows what the app said).
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final String name;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread[] readers;

    private AppProcess(Process process, String label) {
        this.process = process;
        this.name = label;
        this.readers = new Thread[] {
                reader(process.getInputStream(), stdout, label + " out| "),
                reader(process.getErrorStream(), stderr, label + " err| ")};
    }

    static Path jar() {
        String configured = System.getProperty("brook.app.jar");
        Path jar = Path.of(configured != null ? configured : "target/app-local.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged app is not at " + jar.toAbsolutePath()
                    + ": run the ITs through Maven's verify phase (after package)");
        }
        return jar;
    }

    static AppProcess start(String label, Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        return new AppProcess(builder.start(), label);
    }

    /** Runs to the end (or kills it after the timeout); returns the exit code. */
    static Result run(String label, Path workDir, Duration timeout, String... args) throws Exception {
        try (AppProcess app = start(label, workDir, args)) {
            int exit = app.waitFor(timeout);
            return new Result(exit, app.stdoutText(), app.stderrText());
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Thread reader(InputStream stream, List<String> lines, String prefix) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    System.out.println(prefix + line);
                }
            } catch (IOException e) {
                lines.add("[reader failed: " + e + "]");
            }
        }, "app-output-" + prefix.trim());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the first stdout line matching the pattern; returns its match. */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdout) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive()) {
                Optional<String> again = stdout.stream().filter(pattern.asPredicate()).findFirst();
                if (again.isPresent()) {
                    Matcher matcher = pattern.matcher(again.get());
                    matcher.find();
                    return matcher;
                }
                throw new AssertionError("the app ended (exit " + process.exitValue() + ") before printing a line matching "
                        + pattern + "; stderr:\n" + stderrText());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + "; stdout so far:\n" + stdoutText());
    }

    boolean anyLine(Predicate<String> test) {
        return stdout.stream().anyMatch(test);
    }

    /**
     * Sends SIGINT, as Ctrl-C in a terminal does. A process started with SIGINT ignored (the tests run as a
     * background job or under nohup: seen when CI was started that way) passes that on to the app, and the JVM
     * honours it, so SIGINT would be lost; then SIGTERM, which the app handles the same way, stands in.
     *
     * @return the signal sent
     */
    String interrupt() throws IOException, InterruptedException {
        String signal = ignoresSigint(process.pid()) ? "TERM" : "INT";
        if (!signal.equals("INT")) {
            System.out.println(name + ": SIGINT is ignored in this process tree (started in the background?): sending SIGTERM");
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
        return signal;
    }

    /** Whether the process ignores SIGINT (Linux: bit 1 of SigIgn in /proc/PID/status); false where unknown. */
    private static boolean ignoresSigint(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux, or the process is gone: send SIGINT as asked
        }
        return false;
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the app did not end within " + timeout + "; stdout:\n" + stdoutText());
        }
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        return process.exitValue();
    }

    String stdoutText() {
        return String.join("\n", stdout);
    }

    String stderrText() {
        return String.join("\n", stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
