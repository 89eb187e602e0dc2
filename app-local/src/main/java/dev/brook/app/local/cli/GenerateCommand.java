package dev.brook.app.local.cli;

import dev.brook.app.local.output.EventJsonLines;
import dev.brook.app.local.settings.EventStreamSettings;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code generate}: writes the events {@code run} would publish with the same arguments, as JSON Lines. */
@Command(name = "generate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Write exactly the events that 'run' publishes with the same arguments, one JSON object per line,",
                "so anyone can recompute every window independently."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StreamOptions stream;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many events to write.")
    long count;

    @Option(names = "--start-time", required = true, paramLabel = "T", converter = Converters.EpochMillisConverter.class,
            description = "Event time of the first event: epoch ms or ISO-8601 (2025-01-01T00:00:00Z). Pass the same to 'run'.")
    long startTimeMillis;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write; '-' for standard output.")
    String out;

    @Override
    public Integer call() throws IOException {
        GeneratorSettings settings = validated();
        EventGenerator generator = new EventGenerator(settings);
        boolean toStdout = out.equals("-");
        Path file = toStdout ? null : Path.of(out);
        if (file != null && file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        long lastTime = settings.startTimeMillis();
        try (Writer writer = toStdout
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            EventJsonLines lines = new EventJsonLines(writer);
            for (long i = 0; i < count; i++) {
                var event = generator.next();
                lastTime = Math.max(lastTime, event.eventTimeMillis());
                lines.write(event);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("wrote %,d events (seed %d, event times %s .. %s) to %s%n", count, settings.seed(),
                Instant.ofEpochMilli(settings.startTimeMillis()), Instant.ofEpochMilli(lastTime),
                toStdout ? "standard output" : file);
        err.flush();
        return 0;
    }

    private GeneratorSettings validated() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count " + count + " must be ≥ 1");
        }
        try {
            EventStreamSettings streamSettings = stream.settings();
            return streamSettings.generatorSettings(startTimeMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
