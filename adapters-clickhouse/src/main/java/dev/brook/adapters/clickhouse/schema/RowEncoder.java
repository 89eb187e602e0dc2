package dev.brook.adapters.clickhouse.schema;

import dev.brook.core.domain.aggregation.StatusCounts;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Encodes aggregates as JSONEachRow, the batch format both transports send: one JSON object per line,
 * every column of {@link SensorsSchema#columns()} by name.
 */
public final class RowEncoder {

    /** The last millisecond DateTime64(3) holds (2299-12-31 23:59:59.999); a later time would be stored wrong. */
    public static final long MAX_STORABLE_MILLIS = LocalDateTime.of(2300, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - 1;

    private static final Metric[] METRICS = Metric.all();

    private RowEncoder() {
    }

    /**
     * The rows as JSONEachRow bytes, all stamped with the same write time (the ReplacingMergeTree version).
     *
     * @throws UnstorableRowException naming the row (1-based) when a value cannot be stored as it is
     */
    public static byte[] encode(List<WindowAggregate> rows, long writtenAtMillis) {
        StringBuilder out = new StringBuilder(rows.size() * 1_400);
        String writtenAt = dateTime(writtenAtMillis);
        for (int i = 0; i < rows.size(); i++) {
            WindowAggregate row = rows.get(i);
            requireStorable(i + 1, row);
            encodeRow(out, row, writtenAt);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void encodeRow(StringBuilder out, WindowAggregate row, String writtenAt) {
        out.append("{\"window_start\":\"").append(dateTime(row.window().startMillis()))
                .append("\",\"window_end\":\"").append(dateTime(row.window().endMillis()))
                .append("\",\"source_id\":");
        string(out, row.sourceId().value());
        out.append(",\"customer_id\":");
        string(out, row.customerId());
        out.append(",\"site_id\":");
        string(out, row.siteId());
        out.append(",\"event_type\":");
        string(out, row.eventType());
        out.append(",\"event_count\":").append(row.eventCount());
        for (Metric metric : METRICS) {
            String column = metric.column();
            out.append(",\"").append(column).append("_min\":").append(row.min(metric));
            out.append(",\"").append(column).append("_max\":").append(row.max(metric));
            out.append(",\"").append(column).append("_avg\":").append(row.average(metric));
        }
        StatusCounts statuses = row.statusCounts();
        out.append(",\"status_online\":").append(statuses.online())
                .append(",\"status_offline\":").append(statuses.offline())
                .append(",\"status_maintenance\":").append(statuses.maintenance())
                .append(",\"status_error\":").append(statuses.error())
                .append(",\"motion_count\":").append(row.motionCount())
                .append(",\"first_event_time\":\"").append(dateTime(row.firstEventTimeMillis()))
                .append("\",\"last_event_time\":\"").append(dateTime(row.lastEventTimeMillis()))
                .append("\",\"written_at\":\"").append(writtenAt).append("\"}\n");
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

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC, the text form DateTime64(3, 'UTC') reads. */
    public static String dateTime(long epochMillis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        StringBuilder text = new StringBuilder(23);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        pad(text, millis, 3);
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
