package dev.brook.core.domain.model;

import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricTest {

    @Test
    void fifteenMetricsEachReadingItsOwnField() {
        Event e = EventBuilder.valid().temperature(1).humidity(2).pressure(3).co2Level(4).noiseLevel(5).lightLevel(6)
                .batteryLevel(7).signalStrength(8).memoryUsage(9).cpuUsage(10).errorCount(11).packetsSent(12)
                .packetsReceived(13).bytesSent(14).bytesReceived(15).build();
        assertThat(Metric.count()).isEqualTo(15);
        assertThat(Arrays.stream(Metric.all()).mapToDouble(m -> m.valueOf(e)).toArray())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void columnsAreTheSpecsSnakeCaseNamesAndFieldsOfTheWireSchema() {
        var schemaFields = dev.brook.core.domain.codec.AvroEventCodec.eventSchema().getFields().stream()
                .map(f -> f.name()).toList();
        for (Metric metric : Metric.all()) {
            assertThat(Metric.ofColumn(metric.column())).isSameAs(metric);
            assertThat(schemaFields).contains(metric.column());
        }
    }

    @Test
    void anUnknownColumnListsTheKnownOnes() {
        assertThatThrownBy(() -> Metric.ofColumn("temp"))
                .hasMessageStartingWith("unknown metric 'temp'; known metrics: temperature, humidity, pressure")
                .hasMessageEndingWith("bytes_received");
    }

    @Test
    void allGivesACopy() {
        Metric[] first = Metric.all();
        first[0] = Metric.CPU_USAGE;
        assertThat(Metric.all()[0]).isEqualTo(Metric.TEMPERATURE);
    }
}
