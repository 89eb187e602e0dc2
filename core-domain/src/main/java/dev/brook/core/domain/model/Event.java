package dev.brook.core.domain.model;

import java.nio.charset.StandardCharsets;

/**
 * One event of the spec: 25 fields describing what a source reported at one instant.
 * Every field is checked here, so an {@code Event} that exists is valid; the error names the
 * field in the spec's snake_case and the value it refused.
 */
public record Event(
        SourceId sourceId,
        String eventType,
        String customerId,
        String siteId,
        double latitude,
        double longitude,
        double altitude,
        long eventTimeMillis,
        double temperature,
        double humidity,
        double pressure,
        double co2Level,
        double noiseLevel,
        double lightLevel,
        boolean motionDetected,
        double batteryLevel,
        double signalStrength,
        double memoryUsage,
        double cpuUsage,
        EventStatus status,
        int errorCount,
        long packetsSent,
        long packetsReceived,
        long bytesSent,
        long bytesReceived) {

    /**
     * 2298-12-31T23:59:59.999Z. ClickHouse's DateTime64(3) ends with 2299; the year left over holds the end of the
     * event's window (at most a day long). A later event passed on would make a window no store can hold, and the
     * job would fail on it at every replay instead of setting the message aside.
     */
    public static final long MAX_EVENT_TIME_MILLIS = java.time.LocalDateTime.of(2299, 1, 1, 0, 0)
            .toInstant(java.time.ZoneOffset.UTC).toEpochMilli() - 1;

    /**
     * The largest magnitude of an unbounded reading (temperature, pressure, altitude …): beyond any real
     * measurement or amount, and small enough that a window's sum of even {@code Long.MAX_VALUE} such
     * readings stays finite (1e15 × 9.2e18 ≈ 1e34), so every valid event can be aggregated and stored.
     */
    public static final double MAX_ABS_READING = 1e15;

    private static final String CUSTOMER_PREFIX = "cust-";
    private static final byte[] CUSTOMER_PREFIX_BYTES = CUSTOMER_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int CUSTOMER_DIGITS = 6;
    private static final String SITE_PREFIX = "site-";
    private static final byte[] SITE_PREFIX_BYTES = SITE_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int SITE_DIGITS = 5;

    public Event {
        if (sourceId == null) {
            throw new InvalidEventException("source_id", null, "is required");
        }
        requireMatch("event_type", eventType, IdFormat.isSnakeCase(eventType), "must be lower-case snake_case, 1–64 characters (e.g. temperature_sensor)");
        requireMatch("customer_id", customerId, IdFormat.isPrefixAndDigits(customerId, CUSTOMER_PREFIX, CUSTOMER_DIGITS), "must look like cust-000123");
        requireMatch("site_id", siteId, IdFormat.isPrefixAndDigits(siteId, SITE_PREFIX, SITE_DIGITS), "must look like site-00012");
        if (status == null) {
            throw new InvalidEventException("status", null, "is required (online, offline, maintenance or error)");
        }
        requireValidNumbers(latitude, longitude, altitude, eventTimeMillis, temperature, humidity, pressure, co2Level,
                noiseLevel, lightLevel, batteryLevel, signalStrength, memoryUsage, cpuUsage, errorCount, packetsSent,
                packetsReceived, bytesSent, bytesReceived);
    }

    /**
     * The rules of every numeric field, in one place for the constructor and for decoders that validate an
     * event without building it ({@code AvroEventCodec.decodeColumns}).
     *
     * @throws InvalidEventException naming the first field, in field order, that breaks its rule
     */
    public static void requireValidNumbers(double latitude, double longitude, double altitude, long eventTimeMillis,
                                           double temperature, double humidity, double pressure, double co2Level,
                                           double noiseLevel, double lightLevel, double batteryLevel,
                                           double signalStrength, double memoryUsage, double cpuUsage, int errorCount,
                                           long packetsSent, long packetsReceived, long bytesSent, long bytesReceived) {
        requireRange("latitude", latitude, -90, 90);
        requireRange("longitude", longitude, -180, 180);
        requireFinite("altitude", altitude);
        if (eventTimeMillis < 0 || eventTimeMillis > MAX_EVENT_TIME_MILLIS) {
            throw new InvalidEventException("time", eventTimeMillis,
                    "must be epoch milliseconds between 0 (1970) and " + MAX_EVENT_TIME_MILLIS + " (the end of 2298)");
        }
        requireFinite("temperature", temperature);
        requireRange("humidity", humidity, 0, 100);
        requireAtLeastZero("pressure", pressure);
        requireAtLeastZero("co2_level", co2Level);
        requireAtLeastZero("noise_level", noiseLevel);
        requireAtLeastZero("light_level", lightLevel);
        requireRange("battery_level", batteryLevel, 0, 100);
        requireFinite("signal_strength", signalStrength);
        requireRange("memory_usage", memoryUsage, 0, 100);
        requireRange("cpu_usage", cpuUsage, 0, 100);
        requireAtLeastZero("error_count", errorCount);
        requireAtLeastZero("packets_sent", packetsSent);
        requireAtLeastZero("packets_received", packetsReceived);
        requireAtLeastZero("bytes_sent", bytesSent);
        requireAtLeastZero("bytes_received", bytesReceived);
    }

    /** Whether the UTF-8 bytes {@code data[offset, offset + length)} are an event type the constructor accepts. */
    public static boolean isEventType(byte[] data, int offset, int length) {
        return IdFormat.isSnakeCase(data, offset, length);
    }

    /** Whether the UTF-8 bytes {@code data[offset, offset + length)} are a customer id the constructor accepts. */
    public static boolean isCustomerId(byte[] data, int offset, int length) {
        return IdFormat.prefixedNumber(data, offset, length, CUSTOMER_PREFIX_BYTES, CUSTOMER_DIGITS) >= 0;
    }

    /** Whether the UTF-8 bytes {@code data[offset, offset + length)} are a site id the constructor accepts. */
    public static boolean isSiteId(byte[] data, int offset, int length) {
        return IdFormat.prefixedNumber(data, offset, length, SITE_PREFIX_BYTES, SITE_DIGITS) >= 0;
    }

    private static void requireMatch(String field, String value, boolean matches, String rule) {
        if (!matches) {
            throw new InvalidEventException(field, value, rule);
        }
    }

    private static void requireFinite(String field, double value) {
        if (!(Math.abs(value) <= MAX_ABS_READING)) { // also false for NaN
            throw new InvalidEventException(field, value, "must be a finite number within ±" + MAX_ABS_READING);
        }
    }

    private static void requireRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidEventException(field, value, "must be within " + min + ".." + max);
        }
    }

    private static void requireAtLeastZero(String field, double value) {
        if (!(value >= 0 && value <= MAX_ABS_READING)) { // also false for NaN
            throw new InvalidEventException(field, value, "must be a number within 0.." + MAX_ABS_READING);
        }
    }

    private static void requireAtLeastZero(String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(field, value, "must be ≥ 0");
        }
    }

    /** The customer id the spec derives from a source index: one customer per ten sources. */
    public static String customerIdOf(SourceId source) {
        return String.format("cust-%06d", source.index() / 10);
    }

    /** The site id the spec derives from a source index: one site per hundred sources. */
    public static String siteIdOf(SourceId source) {
        return String.format("site-%05d", source.index() / 100);
    }
}
