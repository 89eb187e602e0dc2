package dev.brook.app.local.output;

import dev.brook.app.local.testing.EventJsonReader;
import dev.brook.app.local.testing.FlatJson;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.generation.GeneratorSettings;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonLinesTest {

    @Test
    void writesOneObjectPerLineWithTheSpecsSnakeCaseFields() throws IOException {
        Event event = new Event(SourceId.ofIndex(1234), "temperature_sensor", "cust-000123", "site-00012",
                -33.5, 151.25, 12.0, 1_735_689_600_123L, -4.25, 55.5, 1013.0, 415.0, 40.0, 300.0, true, 87.5,
                -70.0, 42.0, 13.0, EventStatus.MAINTENANCE, 2, 100, 99, 2048, 1024);
        StringWriter out = new StringWriter();
        new EventJsonLines(out).write(event);

        assertThat(out.toString()).endsWith("}\n").doesNotContain("\n{");
        Map<String, Object> fields = FlatJson.parseObject(out.toString().strip());
        assertThat(fields.keySet()).containsExactly("source_id", "event_type", "customer_id", "site_id", "latitude",
                "longitude", "altitude", "time", "temperature", "humidity", "pressure", "co2_level", "noise_level",
                "light_level", "motion_detected", "battery_level", "signal_strength", "memory_usage", "cpu_usage",
                "status", "error_count", "packets_sent", "packets_received", "bytes_sent", "bytes_received");
        assertThat(fields).containsEntry("source_id", "source-0001234").containsEntry("status", "maintenance")
                .containsEntry("motion_detected", true);
        assertThat(fields.get("time").toString()).isEqualTo("1735689600123");
        assertThat(EventJsonReader.parse(out.toString().strip())).isEqualTo(event);
    }

    @Test
    void generatedEventsSurviveTheRoundTripBitForBit() throws IOException {
        EventGenerator generator = new EventGenerator(GeneratorSettings.defaults(7, 1_700_000_000_000L));
        List<Event> events = new ArrayList<>();
        StringWriter out = new StringWriter();
        EventJsonLines lines = new EventJsonLines(out);
        for (int i = 0; i < 2_000; i++) {
            Event event = generator.next();
            events.add(event);
            lines.write(event);
        }

        assertThat(lines.written()).isEqualTo(2_000);
        List<Event> read = out.toString().lines().map(EventJsonReader::parse).toList();
        assertThat(read).isEqualTo(events);
    }

    @Test
    void escapesStringsAndWritesNumbersThatParseBack() {
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(Json.number(1e-7)).isEqualTo("1.0E-7");
        assertThat(Json.isNumber("1.0E-7")).isTrue();
        assertThat(Json.value("source-0000001")).isEqualTo("\"source-0000001\"");
        assertThat(Json.value("-12.5")).isEqualTo("-12.5");
        assertThat(Json.value("nan")).isEqualTo("\"nan\"");
        assertThat(Json.value("007")).isEqualTo("\"007\"");
    }
}
