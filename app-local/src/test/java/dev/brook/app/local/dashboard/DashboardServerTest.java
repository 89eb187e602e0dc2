package dev.brook.app.local.dashboard;

import dev.brook.app.local.status.PipelineCounters;
import dev.brook.app.local.status.StatusBoard;
import dev.brook.app.local.testing.Aggregates;
import dev.brook.app.local.testing.FakeAggregateQueries;
import dev.brook.app.local.testing.FlatJson;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardServerTest {

    private final FakeAggregateQueries queries = new FakeAggregateQueries();
    private final StatusBoard board = new StatusBoard(300, 1_000);
    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardServer dashboard;

    @BeforeEach
    void start() {
        dashboard = DashboardServer.start(0, board, queries);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusEndpointShowsTheLatestCountersAndRates() throws Exception {
        board.record(new PipelineCounters(2_000, 50_000, 45_000, 12, 5_000, OptionalLong.of(1_500), 2, 1));

        HttpResponse<String> response = get("/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        Map<String, Object> status = FlatJson.parseObject(response.body());
        assertThat(status).containsEntry("produced", new BigDecimal("50000"))
                .containsEntry("consumed", new BigDecimal("45000"))
                .containsEntry("produced_per_second", new BigDecimal("50000.0"))
                .containsEntry("aggregates_written", new BigDecimal("12"))
                .containsEntry("backlog", new BigDecimal("5000"))
                .containsEntry("last_checkpoint_age_ms", new BigDecimal("500"))
                .containsEntry("late", new BigDecimal("2"))
                .containsEntry("malformed", new BigDecimal("1"));
    }

    @Test
    void throughputEndpointListsOneSamplePerReadingOldestFirst() throws Exception {
        board.record(new PipelineCounters(2_000, 1_000, 500, 0, 0, OptionalLong.empty(), 0, 0));
        board.record(new PipelineCounters(3_000, 3_000, 2_500, 0, 0, OptionalLong.empty(), 0, 0));

        String body = get("/api/throughput").body();

        assertThat(body).isEqualTo("{\"samples\":["
                + "{\"at\":2000,\"produced_per_second\":1000.0,\"consumed_per_second\":500.0},"
                + "{\"at\":3000,\"produced_per_second\":2000.0,\"consumed_per_second\":2000.0}]}");
    }

    @Test
    void aggregatesEndpointReadsTheNewestWindowsThroughTheQueryPort() throws Exception {
        WindowAggregate older = Aggregates.of(7, 1_735_689_600_000L, 10);
        WindowAggregate newer = Aggregates.of(3, 1_735_689_660_000L, 4);
        queries.store(older);
        queries.store(newer);

        String body = get("/api/aggregates?limit=1").body();

        assertThat(body).startsWith("{\"stored_windows\":2,\"rows\":[{\"source_id\":\"source-0000003\","
                + "\"window_start\":\"2025-01-01T00:01:00Z\",\"window_end\":\"2025-01-01T00:02:00Z\"");
        assertThat(body).contains("\"event_count\":4,")
                .contains("\"temperature_avg\":" + newer.average(Metric.TEMPERATURE))
                .contains("\"battery_level_max\":" + newer.max(Metric.BATTERY_LEVEL))
                .contains("\"status_error\":" + newer.statusCounts().error())
                .doesNotContain("source-0000007");
    }

    @Test
    void aStoreThatDoesNotAnswerIsAServiceUnavailableWithTheReason() throws Exception {
        queries.failWith(new IllegalStateException("chDB is still starting"));

        HttpResponse<String> response = get("/api/aggregates");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(FlatJson.parseObject(response.body()))
                .containsEntry("error", "the aggregate store did not answer: chDB is still starting");
    }

    @Test
    void aBadLimitIsRefusedWithTheRange() throws Exception {
        HttpResponse<String> response = get("/api/aggregates?limit=100000");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("limit 100000 must be within 1..500");
    }

    @Test
    void servesThePageAndItsScriptFromTheJarWithNothingFromTheNetwork() throws Exception {
        String page = get("/").body();
        String script = get("/dashboard.js").body();

        assertThat(page).contains("<canvas id=\"throughput\"", "<table id=\"aggregates\"", "src=\"/dashboard.js\"");
        assertThat(page + script).doesNotContain("http://", "https://", "//cdn");
        assertThat(script).contains("/api/status", "/api/throughput", "/api/aggregates");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void aTakenPortFallsBackToAFreeOne() {
        try (DashboardServer second = DashboardServer.start(dashboard.port(), board, queries)) {
            assertThat(second.port()).isNotEqualTo(dashboard.port()).isPositive();
        }
    }
}
