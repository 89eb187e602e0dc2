package dev.brook.adapters.clickhouse.schema;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowEncoderTest {

    private static final long MINUTE = 1_704_067_200_000L; // 2024-01-01T00:00Z

    @Test
    void oneJsonObjectPerLineWithEveryColumnByName() {
        String encoded = encode(List.of(aggregate(1, MINUTE), aggregate(2, MINUTE)), MINUTE + 90_123);

        String[] lines = encoded.split("\n");
        assertThat(lines).hasSize(2);
        for (String column : SensorsSchema.columns()) {
            assertThat(lines[0]).contains("\"" + column + "\":");
        }
        assertThat(lines[0]).startsWith("{\"window_start\":\"2024-01-01 00:00:00.000\",\"window_end\":\"2024-01-01 00:01:00.000\","
                + "\"source_id\":\"source-0000001\"");
        assertThat(lines[0]).contains("\"event_count\":2", "\"status_error\":1", "\"status_online\":1",
                "\"temperature_min\":20.0", "\"temperature_max\":22.0", "\"temperature_avg\":21.0",
                "\"written_at\":\"2024-01-01 00:01:30.123\"").endsWith("}");
    }

    @Test
    void dateTimesAreUtcWithMilliseconds() {
        assertThat(RowEncoder.dateTime(0)).isEqualTo("1970-01-01 00:00:00.000");
        assertThat(RowEncoder.dateTime(MINUTE + 59_999)).isEqualTo("2024-01-01 00:00:59.999");
        assertThat(RowEncoder.dateTime(RowEncoder.MAX_STORABLE_MILLIS)).isEqualTo("2299-12-31 23:59:59.999");
    }

    @Test
    void aWindowAfterWhatDateTime64HoldsIsRefusedNamingTheRow() {
        long year2300 = RowEncoder.MAX_STORABLE_MILLIS + 1;
        List<WindowAggregate> rows = List.of(aggregate(1, MINUTE), aggregate(7, year2300));

        assertThatThrownBy(() -> RowEncoder.encode(rows, MINUTE))
                .isInstanceOf(UnstorableRowException.class)
                .hasMessageContaining("row 2 (source-0000007")
                .hasMessageContaining("DateTime64")
                .satisfies(e -> assertThat(((UnstorableRowException) e).rowNumber()).isEqualTo(2));
    }

    private static String encode(List<WindowAggregate> rows, long writtenAt) {
        return new String(RowEncoder.encode(rows, writtenAt), StandardCharsets.UTF_8);
    }

    private static WindowAggregate aggregate(int source, long windowStart) {
        return new WindowAccumulator()
                .add(EventBuilder.valid().source(source).time(windowStart + 5).temperature(20.0).status(EventStatus.ERROR).build())
                .add(EventBuilder.valid().source(source).time(windowStart + 9).temperature(22.0).build())
                .toAggregate(new TimeWindow(windowStart, windowStart + 60_000));
    }
}
