package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.transport.RowBinaryWriter;
import dev.brook.core.domain.aggregation.StatusCounts;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Encodes aggregates as the insert batch both transports send ({@link RowBinaryWriter#FORMAT}): every
 * column of {@link SensorsSchema#columns()}, named and typed in the header, then the rows.
 */
public final class RowEncoder {

    /** The last millisecond DateTime64(3) holds (2299-12-31 23:59:59.999); a later time would be stored wrong. */
    public static final long MAX_STORABLE_MILLIS = LocalDateTime.of(2300, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - 1;

    private static final Metric[] METRICS = Metric.all();
    /** Two times, four short ids, the counts and three values per metric: about 500 bytes. */
    private static final int ROW_BYTES_ESTIMATE = 600;

    private RowEncoder() {
    }

    /**
     * The rows as one batch, all stamped with the same write time (the ReplacingMergeTree version).
     *
     * @throws UnstorableRowException naming the row (1-based) when a value cannot be stored as it is
     */
    public static byte[] encode(List<WindowAggregate> rows, long writtenAtMillis) {
        RowBinaryWriter out = SensorsSchema.batchOf(SensorsSchema.columns(), 2_048 + rows.size() * ROW_BYTES_ESTIMATE);
        for (int i = 0; i < rows.size(); i++) {
            WindowAggregate row = rows.get(i);
            requireStorable(i + 1, row);
            encodeRow(out, row, writtenAtMillis);
        }
        return out.toByteArray();
    }

    /** In the order of {@link SensorsSchema#columns()}. */
    private static void encodeRow(RowBinaryWriter out, WindowAggregate row, long writtenAtMillis) {
        out.dateTime64Millis(row.window().startMillis())
                .dateTime64Millis(row.window().endMillis())
                .string(row.sourceId().value());
        encodeFromCustomerToLastEvent(out, row);
        out.dateTime64Millis(writtenAtMillis);
    }

    /** The columns both layouts share, in the same order: customer_id up to last_event_time. */
    private static void encodeFromCustomerToLastEvent(RowBinaryWriter out, WindowAggregate row) {
        out.string(row.customerId())
                .string(row.siteId())
                .string(row.eventType())
                .uint32(row.eventCount());
        for (Metric metric : METRICS) {
            out.float64(row.min(metric)).float64(row.max(metric)).float64(row.average(metric));
        }
        StatusCounts statuses = row.statusCounts();
        out.uint32(statuses.online())
                .uint32(statuses.offline())
                .uint32(statuses.maintenance())
                .uint32(statuses.error())
                .uint32(row.motionCount())
                .dateTime64Millis(row.firstEventTimeMillis())
                .dateTime64Millis(row.lastEventTimeMillis());
    }

    /**
     * The row as the recent rows table packs it: {@link SensorsSchema#READ_BACK_COLUMNS} in RowBinary, as its view
     * writes them ({@link SensorsSchema#createRecentView()}). The same bytes there mean the table holds these values.
     */
    public static byte[] packed(WindowAggregate row) {
        RowBinaryWriter out = RowBinaryWriter.valuesOnly(ROW_BYTES_ESTIMATE);
        out.string(row.sourceId().value())
                .dateTime64Millis(row.window().startMillis())
                .dateTime64Millis(row.window().endMillis());
        encodeFromCustomerToLastEvent(out, row);
        return out.toByteArray();
    }

    /** Windows start at or after 1970 and hold their event times, so the window end is the one time to check. */
    private static void requireStorable(int rowNumber, WindowAggregate row) {
        long end = row.window().endMillis();
        if (end > MAX_STORABLE_MILLIS) {
            throw new UnstorableRowException(rowNumber, row, "window_end " + end
                    + " ms is after what DateTime64(3) holds (… 2299-12-31 23:59:59.999)");
        }
        if (row.eventCount() > 0xFFFF_FFFFL) {
            throw new UnstorableRowException(rowNumber, row, "event_count " + row.eventCount() + " exceeds UInt32");
        }
    }
}
