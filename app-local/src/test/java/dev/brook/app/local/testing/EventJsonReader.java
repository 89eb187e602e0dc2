package dev.brook.app.local.testing;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the JSON Lines of {@code generate} back into events, as an independent consumer would. */
public final class EventJsonReader {

    private EventJsonReader() {
    }

    public static List<Event> readAll(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(EventJsonReader::parse).toList();
        }
    }

    public static Event parse(String line) {
        Map<String, Object> f = FlatJson.parseObject(line);
        if (f.size() != 25) {
            throw new IllegalArgumentException("expected the 25 fields of an event, got " + f.keySet());
        }
        return new Event(new SourceId(text(f, "source_id")), text(f, "event_type"), text(f, "customer_id"),
                text(f, "site_id"), real(f, "latitude"), real(f, "longitude"), real(f, "altitude"),
                whole(f, "time"), real(f, "temperature"), real(f, "humidity"), real(f, "pressure"),
                real(f, "co2_level"), real(f, "noise_level"), real(f, "light_level"),
                (Boolean) f.get("motion_detected"), real(f, "battery_level"), real(f, "signal_strength"),
                real(f, "memory_usage"), real(f, "cpu_usage"),
                EventStatus.valueOf(text(f, "status").toUpperCase(Locale.ROOT)), (int) whole(f, "error_count"),
                whole(f, "packets_sent"), whole(f, "packets_received"), whole(f, "bytes_sent"),
                whole(f, "bytes_received"));
    }

    private static String text(Map<String, Object> fields, String name) {
        return (String) require(fields, name);
    }

    private static double real(Map<String, Object> fields, String name) {
        // Double.parseDouble of the exact text: the writer promises the text round-trips to the same double.
        return Double.parseDouble(((BigDecimal) require(fields, name)).toString());
    }

    private static long whole(Map<String, Object> fields, String name) {
        return ((BigDecimal) require(fields, name)).longValueExact();
    }

    private static Object require(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " is missing");
        }
        return value;
    }
}
