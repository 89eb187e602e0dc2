package dev.brook.app.local.run;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a run leaves in the data dir for the next one: where event time continues, and the savepoint the
 * job resumes from (its read position in the topic and any open windows).
 *
 * @param nextStartTimeMillis the earliest event time the next run may start at without rewriting a
 *                            window this run stored
 * @param savepoint the savepoint the job stopped with: the next job resumes from it (read positions, and
 *                  the open windows when the run stopped without draining)
 * @param running true while a run is under way: found at start, it means the previous run did not end
 *                cleanly and the next job resumes from that run's latest retained checkpoint
 */
public record RunState(OptionalLong nextStartTimeMillis, Optional<String> savepoint, boolean running) {

    static final String FILE = "brook-run.properties";

    public RunState {
        if (nextStartTimeMillis == null || savepoint == null) {
            throw new IllegalArgumentException("run state fields must not be null (use empty)");
        }
    }

    public static RunState none() {
        return new RunState(OptionalLong.empty(), Optional.empty(), false);
    }

    /** The state in this data dir, or {@link #none()} for a fresh one. */
    public static RunState read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it to start the event time afresh)", e);
        }
        String next = properties.getProperty("next-start-time-ms");
        String savepoint = properties.getProperty("savepoint");
        boolean running = Boolean.parseBoolean(properties.getProperty("running", "false"));
        try {
            return new RunState(next == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(next.trim())),
                    Optional.ofNullable(savepoint).map(String::trim).filter(s -> !s.isEmpty()), running);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " has a broken next-start-time-ms '" + next
                    + "'; fix or delete the file");
        }
    }

    /** Writes atomically, so a crash leaves the old state or the new one, never half of one. */
    public void write(Path dataDir) {
        Properties properties = new Properties();
        nextStartTimeMillis.ifPresent(next -> properties.setProperty("next-start-time-ms", Long.toString(next)));
        savepoint.ifPresent(path -> properties.setProperty("savepoint", path));
        properties.setProperty("running", Boolean.toString(running));
        Path file = dataDir.resolve(FILE);
        Path temporary = dataDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "Written by app-local at the end of a run; read by the next run");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** This state marked as a run under way; should the run die, the next one knows. */
    public RunState started() {
        return new RunState(nextStartTimeMillis, savepoint, true);
    }

    /**
     * Where a run starts its event time: the requested time, else now or where the last run ended if later, moved
     * to the next window's start if its window would begin before that end. That window may already be stored (the
     * window size changed, 1 minute to 10, say) or still open in the savepoint (a run stopped without draining):
     * rows the new run wrote there would replace the stored ones.
     */
    public long startTimeFor(OptionalLong requested, long nowMillis, TumblingWindows windows) {
        if (requested.isPresent()) {
            return requested.getAsLong();
        }
        if (nextStartTimeMillis.isEmpty()) {
            return nowMillis;
        }
        long next = nextStartTimeMillis.getAsLong();
        long start = Math.max(nowMillis, next);
        TimeWindow first = windows.windowOf(start);
        return first.startMillis() >= next ? start : first.endMillis();
    }
}
