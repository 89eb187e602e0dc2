package dev.brook.app.local.cli;

import dev.brook.app.local.testing.EventJsonReader;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int generate(String... args) {
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesExactlyTheGeneratorsEventsForTheArguments() throws Exception {
        Path out = dir.resolve("events.jsonl");
        assertThat(generate("--seed", "42", "--count", "5000", "--start-time", "2025-01-01T00:00:00Z",
                "--sources", "300", "--domain", "logistics", "--rate", "2000", "--disorder-ms", "750",
                "--out", out.toString())).isZero();

        EventGenerator expected = new EventGenerator(new GeneratorSettings(42, 300, DomainProfiles.byName("logistics"),
                1_735_689_600_000L, 2000, 750));
        List<Event> expectedEvents = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            expectedEvents.add(expected.next());
        }
        assertThat(EventJsonReader.readAll(out)).isEqualTo(expectedEvents);
        assertThat(err.toString()).contains("wrote 5,000 events (seed 42");
    }

    @Test
    void maxRatePacesEventTimeAtTheSpecsFiftyThousandPerSecond() throws Exception {
        Path out = dir.resolve("max.jsonl");
        assertThat(generate("--count", "101", "--start-time", "0", "--rate", "max", "--out", out.toString())).isZero();

        // 50,000 events per second of event time: event i at floor(i / 50) ms.
        List<Event> events = EventJsonReader.readAll(out);
        assertThat(events).hasSize(101);
        assertThat(events.get(49).eventTimeMillis()).isZero();
        assertThat(events.get(50).eventTimeMillis()).isEqualTo(1);
        assertThat(events.get(100).eventTimeMillis()).isEqualTo(2);
    }

    @Test
    void requiresCountStartTimeAndOut() {
        assertThat(generate("--count", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required options: '--start-time=T', '--out=FILE'");
    }

    @Test
    void refusesBadValuesBeforeWritingAnything() {
        Path out = dir.resolve("never.jsonl");
        assertThat(generate("--count", "10", "--start-time", "0", "--disorder-ms", "-1", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("disorder -1 ms must be ≥ 0");
        assertThat(out).doesNotExist();
    }
}
