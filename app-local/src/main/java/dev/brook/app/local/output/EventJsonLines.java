package dev.brook.app.local.output;

import dev.brook.core.domain.model.Event;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes events as JSON Lines: one object per event with the spec's snake_case field names (those of the
 * Avro schema), {@code time} in epoch milliseconds and {@code status} in lower case. Doubles are written
 * so that they parse back to the identical value, so anyone can recompute every window exactly.
 */
public final class EventJsonLines {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);
    private long written;

    public EventJsonLines(Writer out) {
        this.out = out;
    }

    public void write(Event e) throws IOException {
        line.setLength(0);
        line.append('{');
        text("source_id", e.sourceId().value()).append(',');
        text("event_type", e.eventType()).append(',');
        text("customer_id", e.customerId()).append(',');
        text("site_id", e.siteId()).append(',');
        number("latitude", e.latitude()).append(',');
        number("longitude", e.longitude()).append(',');
        number("altitude", e.altitude()).append(',');
        integer("time", e.eventTimeMillis()).append(',');
        number("temperature", e.temperature()).append(',');
        number("humidity", e.humidity()).append(',');
        number("pressure", e.pressure()).append(',');
        number("co2_level", e.co2Level()).append(',');
        number("noise_level", e.noiseLevel()).append(',');
        number("light_level", e.lightLevel()).append(',');
        name("motion_detected").append(e.motionDetected()).append(',');
        number("battery_level", e.batteryLevel()).append(',');
        number("signal_strength", e.signalStrength()).append(',');
        number("memory_usage", e.memoryUsage()).append(',');
        number("cpu_usage", e.cpuUsage()).append(',');
        text("status", e.status().name().toLowerCase(Locale.ROOT)).append(',');
        integer("error_count", e.errorCount()).append(',');
        integer("packets_sent", e.packetsSent()).append(',');
        integer("packets_received", e.packetsReceived()).append(',');
        integer("bytes_sent", e.bytesSent()).append(',');
        integer("bytes_received", e.bytesReceived());
        line.append("}\n");
        out.append(line);
        written++;
    }

    public long written() {
        return written;
    }

    private StringBuilder name(String field) {
        return line.append('"').append(field).append("\":");
    }

    private StringBuilder text(String field, String value) {
        return name(field).append(Json.string(value));
    }

    private StringBuilder number(String field, double value) {
        return name(field).append(Json.number(value));
    }

    private StringBuilder integer(String field, long value) {
        return name(field).append(value);
    }
}
