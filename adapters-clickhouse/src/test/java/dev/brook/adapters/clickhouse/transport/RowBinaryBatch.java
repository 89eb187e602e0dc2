package dev.brook.adapters.clickhouse.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RowBinaryWriter#FORMAT} batch read back into named values, for tests to check what an encoder
 * wrote or to change a batch (a value, a column) and write it again. Knows the types the adapter writes:
 * UInt32 (as Long), Float64 (Double), String and LowCardinality(String) (String), DateTime64(3, …)
 * (Long, epoch milliseconds).
 */
public record RowBinaryBatch(List<String> names, List<String> types, List<Map<String, Object>> rows) {

    public static RowBinaryBatch read(byte[] batch) {
        ByteBuffer in = ByteBuffer.wrap(batch).order(ByteOrder.LITTLE_ENDIAN);
        int columns = (int) varUInt(in);
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            names.add(string(in));
        }
        for (int i = 0; i < columns; i++) {
            types.add(string(in));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns; i++) {
                row.put(names.get(i), value(in, types.get(i)));
            }
            rows.add(row);
        }
        return new RowBinaryBatch(names, types, rows);
    }

    /** The same batch with one more column; every row gets {@code value} in it. */
    public RowBinaryBatch withColumn(String name, String type, Object value) {
        List<String> newNames = new ArrayList<>(names);
        newNames.add(name);
        List<String> newTypes = new ArrayList<>(types);
        newTypes.add(type);
        List<Map<String, Object>> newRows = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.put(name, value);
            newRows.add(copy);
        }
        return new RowBinaryBatch(newNames, newTypes, newRows);
    }

    /** Writes the batch again, values as they are now (rows are mutable maps). */
    public byte[] write() {
        RowBinaryWriter out = new RowBinaryWriter(names, types, 1_024);
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < names.size(); i++) {
                Object value = row.get(names.get(i));
                String type = types.get(i);
                if (type.equals("UInt32")) {
                    out.uint32((Long) value);
                } else if (type.equals("Float64")) {
                    out.float64((Double) value);
                } else if (type.startsWith("DateTime64(3")) {
                    out.dateTime64Millis((Long) value);
                } else if (type.equals("String") || type.equals("LowCardinality(String)")) {
                    out.string((String) value);
                } else {
                    throw new IllegalArgumentException("no writer for type " + type);
                }
            }
        }
        return out.toByteArray();
    }

    private static Object value(ByteBuffer in, String type) {
        if (type.equals("UInt32")) {
            return Integer.toUnsignedLong(in.getInt());
        } else if (type.equals("Float64")) {
            return in.getDouble();
        } else if (type.startsWith("DateTime64(3")) {
            return in.getLong();
        } else if (type.equals("String") || type.equals("LowCardinality(String)")) {
            return string(in);
        }
        throw new IllegalArgumentException("no reader for type " + type);
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[(int) varUInt(in)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long varUInt(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
