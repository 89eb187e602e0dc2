package dev.brook.core.domain.model;

import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EventTest {

    /** For every field: one bad value, the field name the error must give, and how the value must appear. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("source_id", "is missing: it", b -> b.sourceId(null)),
                bad("event_type", "'Temperature Sensor'", b -> b.eventType("Temperature Sensor")),
                bad("event_type", "is missing: it", b -> b.eventType(null)),
                bad("event_type", "''", b -> b.eventType("")),
                bad("event_type", "'temp_ü'", b -> b.eventType("temp_ü")),
                bad("event_type", "'1sensor'", b -> b.eventType("1sensor")),
                bad("event_type", "'" + "a".repeat(65) + "'", b -> b.eventType("a".repeat(65))),
                bad("customer_id", "'customer-1'", b -> b.customerId("customer-1")),
                bad("customer_id", "'cust-00012'", b -> b.customerId("cust-00012")),
                bad("site_id", "'site-12'", b -> b.siteId("site-12")),
                bad("site_id", "'site-0001x'", b -> b.siteId("site-0001x")),
                bad("latitude", "= 90.5", b -> b.latitude(90.5)),
                bad("latitude", "= NaN", b -> b.latitude(Double.NaN)),
                bad("longitude", "= -180.01", b -> b.longitude(-180.01)),
                bad("altitude", "= Infinity", b -> b.altitude(Double.POSITIVE_INFINITY)),
                bad("altitude", "= " + Math.nextUp(Event.MAX_ABS_READING), b -> b.altitude(Math.nextUp(Event.MAX_ABS_READING))),
                bad("temperature", "= -1.7976931348623157E308", b -> b.temperature(-Double.MAX_VALUE)),
                bad("signal_strength", "= 1.0E16", b -> b.signalStrength(1e16)),
                bad("light_level", "= 1.0E300", b -> b.lightLevel(1e300)),
                bad("time", "= -1", b -> b.time(-1)),
                bad("time", "= " + (Event.MAX_EVENT_TIME_MILLIS + 1), b -> b.time(Event.MAX_EVENT_TIME_MILLIS + 1)),
                bad("temperature", "= NaN", b -> b.temperature(Double.NaN)),
                bad("humidity", "= 100.1", b -> b.humidity(100.1)),
                bad("pressure", "= -0.5", b -> b.pressure(-0.5)),
                bad("pressure", "= Infinity", b -> b.pressure(Double.POSITIVE_INFINITY)),
                bad("co2_level", "= -1.0", b -> b.co2Level(-1)),
                bad("noise_level", "= NaN", b -> b.noiseLevel(Double.NaN)),
                bad("light_level", "= -3.0", b -> b.lightLevel(-3)),
                bad("battery_level", "= 101.0", b -> b.batteryLevel(101)),
                bad("signal_strength", "= -Infinity", b -> b.signalStrength(Double.NEGATIVE_INFINITY)),
                bad("memory_usage", "= -0.1", b -> b.memoryUsage(-0.1)),
                bad("cpu_usage", "= 100.5", b -> b.cpuUsage(100.5)),
                bad("status", "is missing: it", b -> b.status(null)),
                bad("error_count", "= -1", b -> b.errorCount(-1)),
                bad("packets_sent", "= -2", b -> b.packetsSent(-2)),
                bad("packets_received", "= -3", b -> b.packetsReceived(-3)),
                bad("bytes_sent", "= " + Long.MIN_VALUE, b -> b.bytesSent(Long.MIN_VALUE)),
                bad("bytes_received", "= -1", b -> b.bytesReceived(-1)));
    }

    private static Arguments bad(String field, String shownValue, UnaryOperator<EventBuilder> change) {
        return Arguments.of(field, shownValue, change);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badValues")
    void aBadValueOfAnyFieldIsRefusedNamingFieldAndValue(String field, String shownValue, UnaryOperator<EventBuilder> change) {
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> change.apply(EventBuilder.valid()).build());
        assertThat(error).as("no exception for bad %s", field).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).startsWith(field + " " + shownValue + " ").containsAnyOf("must", "required");
    }

    @Test
    void everyFieldThatCanBeWrongHasABadValueCase() {
        // motion_detected is a boolean: both values are valid.
        assertThat(badValues().map(a -> (String) a.get()[0]).distinct().sorted())
                .containsExactlyElementsOf(dev.brook.core.domain.codec.AvroEventCodec.eventSchema().getFields().stream()
                        .map(f -> f.name()).filter(name -> !name.equals("motion_detected")).sorted().toList());
    }

    @Test
    void messagesSayHowToFixIt() {
        assertThatThrownBy(() -> EventBuilder.valid().customerId("c1").build())
                .hasMessage("customer_id 'c1' must look like cust-000123");
        assertThatThrownBy(() -> EventBuilder.valid().humidity(120).build())
                .hasMessage("humidity = 120.0 must be within 0.0..100.0");
        assertThatThrownBy(() -> EventBuilder.valid().status(null).build())
                .hasMessage("status is missing: it is required (online, offline, maintenance or error)");
    }

    @Test
    void boundaryValuesAreAccepted() {
        Event low = EventBuilder.valid().latitude(-90).longitude(-180).altitude(-Event.MAX_ABS_READING).time(0)
                .temperature(-Event.MAX_ABS_READING)
                .humidity(0).pressure(0).co2Level(0).noiseLevel(0).lightLevel(0).batteryLevel(0)
                .signalStrength(-Event.MAX_ABS_READING).memoryUsage(0).cpuUsage(0).errorCount(0).packetsSent(0).packetsReceived(0)
                .bytesSent(0).bytesReceived(0).eventType("a").build();
        Event high = EventBuilder.valid().latitude(90).longitude(180).altitude(Event.MAX_ABS_READING)
                .time(Event.MAX_EVENT_TIME_MILLIS).temperature(Event.MAX_ABS_READING).humidity(100)
                .pressure(Event.MAX_ABS_READING).batteryLevel(100).memoryUsage(100).cpuUsage(100)
                .errorCount(Integer.MAX_VALUE).packetsSent(Long.MAX_VALUE).bytesReceived(Long.MAX_VALUE)
                .eventType("z".repeat(64)).build();
        assertThat(low.latitude()).isEqualTo(-90);
        assertThat(high.packetsSent()).isEqualTo(Long.MAX_VALUE);
        assertThat(EventBuilder.valid().pressure(-0.0).build().pressure()).isZero();
    }

    @Test
    void customerAndSiteAreDerivedFromTheSourceIndexAsTheSpecSays() {
        assertThat(Event.customerIdOf(SourceId.ofIndex(0))).isEqualTo("cust-000000");
        assertThat(Event.customerIdOf(SourceId.ofIndex(9))).isEqualTo("cust-000000");
        assertThat(Event.customerIdOf(SourceId.ofIndex(10))).isEqualTo("cust-000001");
        assertThat(Event.customerIdOf(SourceId.ofIndex(16_999))).isEqualTo("cust-001699");
        assertThat(Event.customerIdOf(SourceId.ofIndex(SourceId.MAX_INDEX))).isEqualTo("cust-999999");
        assertThat(Event.siteIdOf(SourceId.ofIndex(99))).isEqualTo("site-00000");
        assertThat(Event.siteIdOf(SourceId.ofIndex(100))).isEqualTo("site-00001");
        assertThat(Event.siteIdOf(SourceId.ofIndex(16_999))).isEqualTo("site-00169");
        assertThat(Event.siteIdOf(SourceId.ofIndex(SourceId.MAX_INDEX))).isEqualTo("site-99999");
        // Every derived id is one the event accepts.
        EventBuilder.valid().sourceId(SourceId.ofIndex(SourceId.MAX_INDEX)).build();
    }
}
