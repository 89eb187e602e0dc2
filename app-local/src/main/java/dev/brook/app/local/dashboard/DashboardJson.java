package dev.brook.app.local.dashboard;

import dev.brook.app.local.output.Json;
import dev.brook.app.local.status.PipelineCounters;
import dev.brook.app.local.status.ThroughputSample;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The dashboard endpoints' JSON bodies; names in snake_case like the store's columns. */
final class DashboardJson {

    private DashboardJson() {
    }

    static String status(PipelineCounters counters, ThroughputSample rates) {
        String checkpointAge = counters.lastCheckpointAtMillis().isPresent()
                ? Long.toString(Math.max(0, counters.atMillis() - counters.lastCheckpointAtMillis().getAsLong()))
                : "null";
        return "{\"at\":" + counters.atMillis()
                + ",\"produced\":" + counters.produced()
                + ",\"consumed\":" + counters.consumed()
                + ",\"produced_per_second\":" + rate(rates.producedPerSecond())
                + ",\"consumed_per_second\":" + rate(rates.consumedPerSecond())
                + ",\"aggregates_written\":" + counters.aggregatesWritten()
                + ",\"backlog\":" + counters.backlog()
                + ",\"last_checkpoint_age_ms\":" + checkpointAge
                + ",\"late\":" + counters.late()
                + ",\"malformed\":" + counters.malformed() + "}";
    }

    static String throughput(List<ThroughputSample> samples) {
        StringBuilder json = new StringBuilder("{\"samples\":[");
        for (int i = 0; i < samples.size(); i++) {
            ThroughputSample s = samples.get(i);
            json.append(i == 0 ? "" : ",").append("{\"at\":").append(s.atMillis())
                    .append(",\"produced_per_second\":").append(rate(s.producedPerSecond()))
                    .append(",\"consumed_per_second\":").append(rate(s.consumedPerSecond())).append('}');
        }
        return json.append("]}").toString();
    }

    static String aggregates(long storedWindows, List<WindowAggregate> latest) {
        StringBuilder json = new StringBuilder("{\"stored_windows\":").append(storedWindows).append(",\"rows\":[");
        for (int i = 0; i < latest.size(); i++) {
            json.append(i == 0 ? "" : ",");
            aggregate(latest.get(i), json);
        }
        return json.append("]}").toString();
    }

    static String error(String message) {
        return "{\"error\":" + Json.string(message) + "}";
    }

    private static void aggregate(WindowAggregate a, StringBuilder json) {
        json.append("{\"source_id\":").append(Json.string(a.sourceId().value()))
                .append(",\"window_start\":").append(Json.string(Instant.ofEpochMilli(a.window().startMillis()).toString()))
                .append(",\"window_end\":").append(Json.string(Instant.ofEpochMilli(a.window().endMillis()).toString()))
                .append(",\"customer_id\":").append(Json.string(a.customerId()))
                .append(",\"site_id\":").append(Json.string(a.siteId()))
                .append(",\"event_type\":").append(Json.string(a.eventType()))
                .append(",\"event_count\":").append(a.eventCount());
        for (EventStatus status : EventStatus.values()) {
            json.append(",\"status_").append(status.name().toLowerCase(Locale.ROOT)).append("\":")
                    .append(a.statusCounts().of(status));
        }
        for (Metric metric : Metric.all()) {
            json.append(",\"").append(metric.column()).append("_min\":").append(Json.number(a.min(metric)))
                    .append(",\"").append(metric.column()).append("_avg\":").append(Json.number(a.average(metric)))
                    .append(",\"").append(metric.column()).append("_max\":").append(Json.number(a.max(metric)));
        }
        json.append('}');
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
