package dev.brook.app.local.status;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBoardTest {

    @Test
    void ratesComeFromConsecutiveReadingsAndTheLineShowsEveryCounter() {
        StatusBoard board = new StatusBoard(3, 10_000);
        board.record(new PipelineCounters(11_000, 50_000, 40_000, 0, 10_000, OptionalLong.empty(), 0, 0));
        String line = board.record(new PipelineCounters(13_000, 150_000, 140_000, 1_234, 10_000,
                OptionalLong.of(10_500), 7, 3));

        assertThat(board.latestRates().producedPerSecond()).isEqualTo(50_000.0);
        assertThat(board.latestRates().consumedPerSecond()).isEqualTo(50_000.0);
        assertThat(line).isEqualTo("produced    50,000/s | consumed    50,000/s | aggregates written 1,234 | backlog 10,000"
                + " | last checkpoint 2.5s ago | late 7 | malformed 3");
    }

    @Test
    void keepsOnlyTheNewestSamplesOldestFirst() {
        StatusBoard board = new StatusBoard(2, 0);
        for (int second = 1; second <= 4; second++) {
            board.record(new PipelineCounters(second * 1000L, second * 100L, 0, 0, 0, OptionalLong.empty(), 0, 0));
        }
        assertThat(board.history()).extracting(ThroughputSample::atMillis).containsExactly(3000L, 4000L);
        assertThat(StatusBoard.statusLine(board.latest(), board.latestRates())).contains("last checkpoint none yet");
    }
}
