package dev.brook.app.local.wiring;

import dev.brook.adapters.flink.sink.DeadLetterSinkFactory;
import dev.brook.app.local.output.Json;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.DeadLetterSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * The local run's dead letters: one JSON object per line in {@code <data dir>/dead-letters.jsonl} with
 * the time, origin, reason and the raw payload (Base64), so a set-aside record can be inspected or
 * replayed. Written before {@link #setAside} returns.
 */
public final class DeadLetterFile implements DeadLetterSink {

    private final Path file;

    public DeadLetterFile(Path file) {
        this.file = file;
    }

    @Override
    public void setAside(DeadLetter letter) {
        String line = "{\"received_at\":" + Json.string(Instant.ofEpochMilli(letter.receivedAtMillis()).toString())
                + ",\"origin\":" + Json.string(letter.origin())
                + ",\"reason\":" + Json.string(letter.reason())
                + ",\"payload_base64\":" + Json.string(Base64.getEncoder().encodeToString(letter.payload())) + "}\n";
        synchronized (DeadLetterFile.class) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set a dead letter aside in " + file + " (" + letter + ")", e);
            }
        }
    }

    /** The factory the job carries: only the file name travels. */
    record Factory(String path) implements DeadLetterSinkFactory {
        @Override
        public DeadLetterSink create() {
            return new DeadLetterFile(Path.of(path));
        }
    }
}
