package dev.brook.app.local.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, without network access beyond the page it is given. */
final class HeadlessChromium {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));

    private final Path binary;
    private final Path profileDir;

    private HeadlessChromium(Path binary, Path profileDir) {
        this.binary = binary;
        this.profileDir = profileDir;
    }

    /** Chromium if installed (CI installs Debian's chromium package); empty otherwise. */
    static Optional<HeadlessChromium> find(Path profileDir) {
        String configured = System.getenv("BROOK_CHROMIUM");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.addAll(CANDIDATES);
        return candidates.stream().filter(Files::isExecutable).findFirst().map(b -> new HeadlessChromium(b, profileDir));
    }

    /** The DOM after the page's scripts ran for {@code budgetMillis} of virtual time. */
    String dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
        Path out = Files.createTempFile(profileDir.getParent(), "dom", ".html");
        run(out, "--virtual-time-budget=" + budgetMillis, "--dump-dom", url);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the page, for people looking at a failed run. */
    void screenshot(String url, Path png, int budgetMillis) throws IOException, InterruptedException {
        run(null, "--virtual-time-budget=" + budgetMillis, "--window-size=1280,900", "--screenshot=" + png.toAbsolutePath(), url);
    }

    private void run(Path stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.toAbsolutePath()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process chromium = builder.start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("headless Chromium did not finish within 90 s: " + command);
        }
        if (chromium.exitValue() != 0) {
            throw new IllegalStateException("headless Chromium exited with " + chromium.exitValue() + ": " + command);
        }
    }
}
