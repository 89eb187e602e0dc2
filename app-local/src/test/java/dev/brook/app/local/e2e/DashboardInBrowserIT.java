package dev.brook.app.local.e2e;

import dev.brook.app.local.dashboard.DashboardServer;
import dev.brook.app.local.status.PipelineCounters;
import dev.brook.app.local.status.StatusBoard;
import dev.brook.app.local.testing.Aggregates;
import dev.brook.app.local.testing.FakeAggregateQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The dashboard page in a real (headless) browser over fake ports: its scripts fetch, draw and fill the table. */
class DashboardInBrowserIT {

    @TempDir
    Path dir;

    @Test
    void thePageDrawsTheChartAndListsTheLatestAggregates() throws Exception {
        var chromium = HeadlessChromium.find(dir.resolve("profile"));
        assumeTrue(chromium.isPresent(), "headless Chromium is not installed (apt-get install chromium): browser test skipped");

        FakeAggregateQueries queries = new FakeAggregateQueries();
        queries.store(Aggregates.of(42, 1_735_689_600_000L, 25));
        queries.store(Aggregates.of(43, 1_735_689_600_000L, 12));
        StatusBoard board = new StatusBoard(300, 0);
        for (int second = 1; second <= 30; second++) {
            board.record(new PipelineCounters(1_735_689_600_000L + second * 1000L, second * 50_000L, second * 49_000L,
                    second * 10L, 1_000, OptionalLong.of(1_735_689_600_000L), 0, 0));
        }

        try (DashboardServer dashboard = DashboardServer.start(0, board, queries)) {
            String dom = chromium.get().dumpDom(dashboard.uri().toString(), 5_000);
            chromium.get().screenshot(dashboard.uri().toString(), Path.of("target", "dashboard-fake-ports.png"), 5_000);

            Matcher points = Pattern.compile("data-points=\"(\\d+)\"").matcher(dom);
            assertThat(points.find()).as("canvas in DOM:\n%s", dom).isTrue();
            assertThat(Integer.parseInt(points.group(1))).isEqualTo(30);
            assertThat(Pattern.compile("<tr class=\"aggregate\">").matcher(dom).results().count()).isEqualTo(2);
            assertThat(dom).contains("source-0000042", "source-0000043", "50,000", "(2 stored)");
            assertThat(Files.size(Path.of("target", "dashboard-fake-ports.png"))).isPositive();
        }
    }
}
