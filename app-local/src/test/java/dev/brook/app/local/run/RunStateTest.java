package dev.brook.app.local.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateTest {

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
        RunState previous = new RunState(OptionalLong.of(5_000), Optional.empty(), false);

        assertThat(previous.startTimeFor(OptionalLong.empty(), 4_000)).isEqualTo(5_000);
        assertThat(previous.startTimeFor(OptionalLong.empty(), 9_000)).isEqualTo(9_000);
        assertThat(previous.startTimeFor(OptionalLong.of(100), 9_000)).isEqualTo(100);
        assertThat(RunState.none().startTimeFor(OptionalLong.empty(), 7)).isEqualTo(7);
    }

    @Test
    void aBrokenFileIsNamedWithTheFix() throws Exception {
        Files.writeString(dataDir.resolve(RunState.FILE), "next-start-time-ms=soon\n");

        assertThatThrownBy(() -> RunState.read(dataDir)).hasMessageContaining("broken next-start-time-ms 'soon'")
                .hasMessageContaining("fix or delete the file");
    }
}
