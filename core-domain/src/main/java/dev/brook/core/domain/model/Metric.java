package dev.brook.core.domain.model;

/**
 * The numeric fields of an event that windows aggregate (min, max, sum, avg). The column name is the
 * spec's snake_case: stores name their columns {@code <column>_min}, {@code <column>_max}, {@code <column>_avg}.
 */
public enum Metric {
    TEMPERATURE("temperature"),
    HUMIDITY("humidity"),
    PRESSURE("pressure"),
    CO2_LEVEL("co2_level"),
    NOISE_LEVEL("noise_level"),
    LIGHT_LEVEL("light_level"),
    BATTERY_LEVEL("battery_level"),
    SIGNAL_STRENGTH("signal_strength"),
    MEMORY_USAGE("memory_usage"),
    CPU_USAGE("cpu_usage"),
    ERROR_COUNT("error_count"),
    PACKETS_SENT("packets_sent"),
    PACKETS_RECEIVED("packets_received"),
    BYTES_SENT("bytes_sent"),
    BYTES_RECEIVED("bytes_received");

    private static final Metric[] ALL = values();

    private final String column;

    Metric(String column) {
        this.column = column;
    }

    /** The spec's snake_case name, the stem of the store's column names. */
    public String column() {
        return column;
    }

    public double valueOf(Event e) {
        // A switch, not a function per constant: aggregation calls this 15 times per event, and one call
        // site reaching 15 different lambdas cannot be inlined.
        return switch (this) {
            case TEMPERATURE -> e.temperature();
            case HUMIDITY -> e.humidity();
            case PRESSURE -> e.pressure();
            case CO2_LEVEL -> e.co2Level();
            case NOISE_LEVEL -> e.noiseLevel();
            case LIGHT_LEVEL -> e.lightLevel();
            case BATTERY_LEVEL -> e.batteryLevel();
            case SIGNAL_STRENGTH -> e.signalStrength();
            case MEMORY_USAGE -> e.memoryUsage();
            case CPU_USAGE -> e.cpuUsage();
            case ERROR_COUNT -> e.errorCount();
            case PACKETS_SENT -> e.packetsSent();
            case PACKETS_RECEIVED -> e.packetsReceived();
            case BYTES_SENT -> e.bytesSent();
            case BYTES_RECEIVED -> e.bytesReceived();
        };
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
