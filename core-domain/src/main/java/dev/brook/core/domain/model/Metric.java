package dev.brook.core.domain.model;

import java.util.function.ToDoubleFunction;

/**
 * The numeric fields of an event that windows aggregate (min, max, sum, avg). The column name is the
 * spec's snake_case: stores name their columns {@code <column>_min}, {@code <column>_max}, {@code <column>_avg}.
 */
public enum Metric {
    TEMPERATURE("temperature", Event::temperature),
    HUMIDITY("humidity", Event::humidity),
    PRESSURE("pressure", Event::pressure),
    CO2_LEVEL("co2_level", Event::co2Level),
    NOISE_LEVEL("noise_level", Event::noiseLevel),
    LIGHT_LEVEL("light_level", Event::lightLevel),
    BATTERY_LEVEL("battery_level", Event::batteryLevel),
    SIGNAL_STRENGTH("signal_strength", Event::signalStrength),
    MEMORY_USAGE("memory_usage", Event::memoryUsage),
    CPU_USAGE("cpu_usage", Event::cpuUsage),
    ERROR_COUNT("error_count", e -> e.errorCount()),
    PACKETS_SENT("packets_sent", e -> e.packetsSent()),
    PACKETS_RECEIVED("packets_received", e -> e.packetsReceived()),
    BYTES_SENT("bytes_sent", e -> e.bytesSent()),
    BYTES_RECEIVED("bytes_received", e -> e.bytesReceived());

    private static final Metric[] ALL = values();

    private final String column;
    private final ToDoubleFunction<Event> reading;

    Metric(String column, ToDoubleFunction<Event> reading) {
        this.column = column;
        this.reading = reading;
    }

    /** The spec's snake_case name, the stem of the store's column names. */
    public String column() {
        return column;
    }

    public double valueOf(Event event) {
        return reading.applyAsDouble(event);
    }

    /** All metrics in declaration order, without the defensive copy {@code values()} makes. */
    public static Metric[] all() {
        return ALL.clone();
    }

    public static int count() {
        return ALL.length;
    }

    /** The metric with this snake_case name; an unknown name lists the known ones. */
    public static Metric ofColumn(String column) {
        for (Metric metric : ALL) {
            if (metric.column.equals(column)) {
                return metric;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Metric metric : ALL) {
            known.append(known.length() == 0 ? "" : ", ").append(metric.column);
        }
        throw new IllegalArgumentException("unknown metric '" + column + "'; known metrics: " + known);
    }
}
