package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.transport.RowBinaryBatch;
import dev.brook.adapters.clickhouse.transport.RowBinaryWriter;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowEncoderTest {

    private static final long MINUTE = 1_704_067_200_000L; // 2024-01-01T00:00Z

    @Test
    void everyColumnOfTheSchemaIsNamedAndTypedInTheHeader() {
        RowBinaryBatch batch = RowBinaryBatch.read(RowEncoder.encode(List.of(aggregate(1, MINUTE)), MINUTE));

        assertThat(batch.names()).containsExactlyElementsOf(SensorsSchema.columns().stream().map(SensorsSchema.Column::name).toList());
        assertThat(batch.types()).containsExactlyElementsOf(SensorsSchema.columns().stream().map(SensorsSchema.Column::type).toList());
    }

    @Test
    void eachRowCarriesItsAggregateUnderTheRightColumnNames() {
        WindowAggregate first = aggregate(1, MINUTE);
        RowBinaryBatch batch = RowBinaryBatch.read(RowEncoder.encode(List.of(first, aggregate(2, MINUTE)), MINUTE + 90_123));

        assertThat(batch.rows()).hasSize(2);
        Map<String, Object> row = batch.rows().get(0);
        assertThat(row).containsEntry("window_start", MINUTE).containsEntry("window_end", MINUTE + 60_000)
                .containsEntry("source_id", "source-0000001").containsEntry("customer_id", first.customerId())
                .containsEntry("site_id", first.siteId()).containsEntry("event_type", first.eventType())
                .containsEntry("event_count", 2L).containsEntry("status_error", 1L).containsEntry("status_online", 1L)
                .containsEntry("status_offline", 0L).containsEntry("status_maintenance", 0L)
                .containsEntry("motion_count", first.motionCount())
                .containsEntry("temperature_min", 20.0).containsEntry("temperature_max", 22.0).containsEntry("temperature_avg", 21.0)
                .containsEntry("first_event_time", MINUTE + 5).containsEntry("last_event_time", MINUTE + 9)
                .containsEntry("written_at", MINUTE + 90_123);
        for (Metric metric : Metric.all()) {
            assertThat(row).containsEntry(metric.column() + "_min", first.min(metric))
                    .containsEntry(metric.column() + "_max", first.max(metric))
                    .containsEntry(metric.column() + "_avg", first.average(metric));
        }
        assertThat(batch.rows().get(1)).containsEntry("source_id", "source-0000002");
    }

    /** Packed as the recent rows table's view packs it: the read-back columns' values, in their order, no version. */
    @Test
    void aPackedRowHoldsTheReadBackColumnsInTheirOrder() {
        WindowAggregate row = aggregate(1, MINUTE);
        List<String> names = new ArrayList<>(List.of("source_id", "window_start", "window_end", "customer_id", "site_id",
                "event_type", "event_count"));
        List<String> types = new ArrayList<>(List.of("String", "DateTime64(3)", "DateTime64(3)", "String", "String", "String", "UInt32"));
        for (Metric metric : Metric.all()) {
            for (String stat : List.of("_min", "_max", "_avg")) {
                names.add(metric.column() + stat);
                types.add("Float64");
            }
        }
        names.addAll(List.of("status_online", "status_offline", "status_maintenance", "status_error", "motion_count",
                "first_event_time", "last_event_time"));
        types.addAll(List.of("UInt32", "UInt32", "UInt32", "UInt32", "UInt32", "DateTime64(3)", "DateTime64(3)"));
        assertThat(SensorsSchema.READ_BACK_COLUMNS.split(", ")).as("the test's premise: one name per read-back column")
                .hasSameSizeAs(names);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(new RowBinaryWriter(names, types, 1_024).toByteArray());
        batch.writeBytes(RowEncoder.packed(row));

        Map<String, Object> packed = RowBinaryBatch.read(batch.toByteArray()).rows().get(0);

        Map<String, Object> inserted = new HashMap<>(RowBinaryBatch.read(RowEncoder.encode(List.of(row), MINUTE)).rows().get(0));
        inserted.remove("written_at");
        assertThat(packed).isEqualTo(inserted);
    }

    @Test
    void theLatestEventTimeTheDomainTakesFitsInAWindowOfUpToADay() {
        TimeWindow lastDay = new TumblingWindows(Duration.ofDays(1)).windowOf(Event.MAX_EVENT_TIME_MILLIS);
        assertThat(lastDay.endMillis()).isLessThanOrEqualTo(RowEncoder.MAX_STORABLE_MILLIS);

        RowEncoder.encode(List.of(aggregate(3, TumblingWindows.ofDefaultSize().windowOf(Event.MAX_EVENT_TIME_MILLIS).startMillis())), MINUTE);
    }

    @Test
    void aWindowAfterWhatDateTime64HoldsIsRefusedNamingTheRow() {
        long year2300 = RowEncoder.MAX_STORABLE_MILLIS + 1;
        // No valid event lies there (Event refuses it), so the aggregate is moved there as it is.
        WindowAggregate moved = aggregate(7, MINUTE);
        WindowAggregate late = new WindowAggregate(moved.sourceId(), new TimeWindow(year2300, year2300 + 60_000),
                moved.customerId(), moved.siteId(), moved.eventType(), moved.eventCount(), moved.metrics(),
                moved.statusCounts(), moved.motionCount(), year2300 + 5, year2300 + 9);
        List<WindowAggregate> rows = List.of(aggregate(1, MINUTE), late);

        assertThatThrownBy(() -> RowEncoder.encode(rows, MINUTE))
                .isInstanceOf(UnstorableRowException.class)
                .hasMessageContaining("row 2 (source-0000007")
                .hasMessageContaining("DateTime64")
                .satisfies(e -> assertThat(((UnstorableRowException) e).rowNumber()).isEqualTo(2));
    }

    private static WindowAggregate aggregate(int source, long windowStart) {
        return new WindowAccumulator()
                .add(EventBuilder.valid().source(source).time(windowStart + 5).temperature(20.0).status(EventStatus.ERROR).build())
                .add(EventBuilder.valid().source(source).time(windowStart + 9).temperature(22.0).build())
                .toAggregate(new TimeWindow(windowStart, windowStart + 60_000));
    }
}
