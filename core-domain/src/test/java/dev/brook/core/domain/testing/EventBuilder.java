package dev.brook.core.domain.testing;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;

/**
 * A valid event with readable defaults, of which a test changes only what it is about:
 * {@code EventBuilder.valid().source(42).time(t).temperature(-3).build()}. Ids are derived from the
 * source index as the spec says unless set explicitly.
 */
public final class EventBuilder {

    private SourceId sourceId = SourceId.ofIndex(1234);
    private String eventType = "temperature_sensor";
    private String customerId;
    private String siteId;
    private double latitude = 52.52;
    private double longitude = 13.405;
    private double altitude = 34.0;
    private long eventTimeMillis = FakeTimeSource.DEFAULT_START_MILLIS;
    private double temperature = 21.5;
    private double humidity = 45.0;
    private double pressure = 1013.25;
    private double co2Level = 420.0;
    private double noiseLevel = 38.0;
    private double lightLevel = 300.0;
    private boolean motionDetected;
    private double batteryLevel = 87.0;
    private double signalStrength = -67.0;
    private double memoryUsage = 41.0;
    private double cpuUsage = 12.5;
    private EventStatus status = EventStatus.ONLINE;
    private int errorCount;
    private long packetsSent = 1200;
    private long packetsReceived = 1180;
    private long bytesSent = 48_000;
    private long bytesReceived = 47_200;

    private EventBuilder() {
    }

    public static EventBuilder valid() {
        return new EventBuilder();
    }

    /** A builder holding every field of {@code event}. */
    public static EventBuilder from(Event event) {
        EventBuilder b = new EventBuilder();
        b.sourceId = event.sourceId();
        b.eventType = event.eventType();
        b.customerId = event.customerId();
        b.siteId = event.siteId();
        b.latitude = event.latitude();
        b.longitude = event.longitude();
        b.altitude = event.altitude();
        b.eventTimeMillis = event.eventTimeMillis();
        b.temperature = event.temperature();
        b.humidity = event.humidity();
        b.pressure = event.pressure();
        b.co2Level = event.co2Level();
        b.noiseLevel = event.noiseLevel();
        b.lightLevel = event.lightLevel();
        b.motionDetected = event.motionDetected();
        b.batteryLevel = event.batteryLevel();
        b.signalStrength = event.signalStrength();
        b.memoryUsage = event.memoryUsage();
        b.cpuUsage = event.cpuUsage();
        b.status = event.status();
        b.errorCount = event.errorCount();
        b.packetsSent = event.packetsSent();
        b.packetsReceived = event.packetsReceived();
        b.bytesSent = event.bytesSent();
        b.bytesReceived = event.bytesReceived();
        return b;
    }

    public Event build() {
        return new Event(sourceId, eventType,
                customerId != null ? customerId : sourceId == null ? "cust-000000" : Event.customerIdOf(sourceId),
                siteId != null ? siteId : sourceId == null ? "site-00000" : Event.siteIdOf(sourceId),
                latitude, longitude, altitude, eventTimeMillis, temperature, humidity, pressure, co2Level, noiseLevel,
                lightLevel, motionDetected, batteryLevel, signalStrength, memoryUsage, cpuUsage, status, errorCount,
                packetsSent, packetsReceived, bytesSent, bytesReceived);
    }

    public EventBuilder source(int index) {
        return sourceId(SourceId.ofIndex(index));
    }

    public EventBuilder sourceId(SourceId value) {
        sourceId = value;
        return this;
    }

    public EventBuilder eventType(String value) {
        eventType = value;
        return this;
    }

    public EventBuilder customerId(String value) {
        customerId = value;
        return this;
    }

    public EventBuilder siteId(String value) {
        siteId = value;
        return this;
    }

    public EventBuilder latitude(double value) {
        latitude = value;
        return this;
    }

    public EventBuilder longitude(double value) {
        longitude = value;
        return this;
    }

    public EventBuilder altitude(double value) {
        altitude = value;
        return this;
    }

    public EventBuilder time(long epochMillis) {
        eventTimeMillis = epochMillis;
        return this;
    }

    public EventBuilder temperature(double value) {
        temperature = value;
        return this;
    }

    public EventBuilder humidity(double value) {
        humidity = value;
        return this;
    }

    public EventBuilder pressure(double value) {
        pressure = value;
        return this;
    }

    public EventBuilder co2Level(double value) {
        co2Level = value;
        return this;
    }

    public EventBuilder noiseLevel(double value) {
        noiseLevel = value;
        return this;
    }

    public EventBuilder lightLevel(double value) {
        lightLevel = value;
        return this;
    }

    public EventBuilder motionDetected(boolean value) {
        motionDetected = value;
        return this;
    }

    public EventBuilder batteryLevel(double value) {
        batteryLevel = value;
        return this;
    }

    public EventBuilder signalStrength(double value) {
        signalStrength = value;
        return this;
    }

    public EventBuilder memoryUsage(double value) {
        memoryUsage = value;
        return this;
    }

    public EventBuilder cpuUsage(double value) {
        cpuUsage = value;
        return this;
    }

    public EventBuilder status(EventStatus value) {
        status = value;
        return this;
    }

    public EventBuilder errorCount(int value) {
        errorCount = value;
        return this;
    }

    public EventBuilder packetsSent(long value) {
        packetsSent = value;
        return this;
    }

    public EventBuilder packetsReceived(long value) {
        packetsReceived = value;
        return this;
    }

    public EventBuilder bytesSent(long value) {
        bytesSent = value;
        return this;
    }

    public EventBuilder bytesReceived(long value) {
        bytesReceived = value;
        return this;
    }
}
