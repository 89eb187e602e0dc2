package dev.brook.app.local.run;

import dev.brook.core.domain.aggregation.TumblingWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateTest {

    private static final long MINUTE = 60_000;
    private static final TumblingWindows MINUTES = TumblingWindows.ofDefaultSize();

    @TempDir
    Path dataDir;

    @Test
    void aFreshDataDirHasNoState() {
        assertThat(RunState.read(dataDir)).isEqualTo(RunState.none());
    }

    @Test
    void writtenStateReadsBackAndStartingItMarksARunUnderWay() {
        RunState stopped = new RunState(OptionalLong.of(1_000), Optional.of("file:/sp/savepoint-1"), false);
        stopped.write(dataDir);

        assertThat(RunState.read(dataDir)).isEqualTo(stopped);
        RunState started = RunState.read(dataDir).started();
        started.write(dataDir);
        assertThat(RunState.read(dataDir)).isEqualTo(new RunState(OptionalLong.of(1_000), Optional.of("file:/sp/savepoint-1"), true));
        assertThat(dataDir.resolve(RunState.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void aRunStartsNowOrWhereThePreviousRunsEventsEndedWhicheverIsLaterUnlessTold() {
        RunState previous = new RunState(OptionalLong.of(5 * MINUTE), Optional.empty(), false);

        assertThat(previous.startTimeFor(OptionalLong.empty(), 4 * MINUTE, MINUTES)).isEqualTo(5 * MINUTE);
        assertThat(previous.startTimeFor(OptionalLong.empty(), 9 * MINUTE + 1, MINUTES)).isEqualTo(9 * MINUTE + 1);
        assertThat(previous.startTimeFor(OptionalLong.of(100), 9 * MINUTE, MINUTES)).isEqualTo(100);
        assertThat(RunState.none().startTimeFor(OptionalLong.empty(), 7, MINUTES)).isEqualTo(7);
    }

    @Test
    void aRunNeverStartsInAWindowThatBeganBeforeThePreviousRunEnded() {
        TumblingWindows tenMinutes = new TumblingWindows(Duration.ofMinutes(10));
        RunState drained = new RunState(OptionalLong.of(3 * MINUTE), Optional.empty(), false);
        assertThat(drained.startTimeFor(OptionalLong.empty(), MINUTE, tenMinutes))
                .as("one-minute windows stored up to minute 3; a ten-minute window from minute 0 would replace minute 0's rows")
                .isEqualTo(10 * MINUTE);
        assertThat(drained.startTimeFor(OptionalLong.empty(), 5 * MINUTE + 30_000, tenMinutes)).isEqualTo(10 * MINUTE);

        RunState undrained = new RunState(OptionalLong.of(3 * MINUTE + 25_001), Optional.empty(), false);
        assertThat(undrained.startTimeFor(OptionalLong.empty(), MINUTE, MINUTES))
                .as("minute 3 is still open in the savepoint with the previous run's events").isEqualTo(4 * MINUTE);
    }

    @Test
    void aBrokenFileIsNamedWithTheFix() throws Exception {
        Files.writeString(dataDir.resolve(RunState.FILE), "next-start-time-ms=soon\n");

        assertThatThrownBy(() -> RunState.read(dataDir)).hasMessageContaining("broken next-start-time-ms 'soon'")
                .hasMessageContaining("fix or delete the file");
    }
}
