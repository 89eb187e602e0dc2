package dev.brook.adapters.clickhouse.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A query answer: column names and rows of text values, parsed from ClickHouse's
 * {@code TabSeparatedWithNames} output (the one format both transports ask for).
 */
public record TextTable(List<String> columns, List<List<String>> rows) {

    /** The output format this table is parsed from. */
    public static final String FORMAT = "TabSeparatedWithNames";

    public TextTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * Parses TabSeparatedWithNames bytes: a header line of names, then one line per row, values escaped.
     * A value without a backslash, nearly every one, becomes a string straight from its bytes: answers run to
     * a hundred thousand rows (a rollup per customer and minute), where copying byte by byte cost as much as
     * the engine's own work.
     */
    public static TextTable parse(byte[] output) {
        List<List<String>> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = output.length;
        int i = 0;
        while (i < length) {
            int start = i;
            boolean escaped = false;
            while (i < length && output[i] != '\t' && output[i] != '\n') {
                if (output[i] == '\\' && i + 1 < length) {
                    escaped = true;
                    i++;
                }
                i++;
            }
            current.add(escaped ? unescape(output, start, i) : new String(output, start, i - start, StandardCharsets.UTF_8));
            if (i == length) {
                break;
            }
            if (output[i] == '\n') {
                lines.add(List.copyOf(current));
                current = new ArrayList<>();
            } else if (i + 1 == length) {
                current.add(""); // a tab ends the output: one more, empty, value
            }
            i++;
        }
        if (!current.isEmpty()) {
            lines.add(List.copyOf(current));
        }
        if (lines.isEmpty()) {
            return new TextTable(List.of(), List.of());
        }
        return new TextTable(lines.get(0), lines.subList(1, lines.size()));
    }

    /** The value in {@code output[start, end)} with its escape sequences replaced by what they stand for. */
    private static String unescape(byte[] output, int start, int end) {
        byte[] value = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            value[length++] = (byte) (output[i] == '\\' && i + 1 < end ? unescape(output[++i]) : output[i]);
        }
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private static int unescape(byte escaped) {
        return switch (escaped) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case '0' -> 0;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'a' -> 7;
            case 'v' -> 11;
            default -> escaped; // \\ \' and any other escaped character stand for themselves
        };
    }

    public int columnIndex(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("the answer has no column '" + name + "'; it has " + columns);
        }
        return index;
    }

    /** The single value of a one-row, one-column answer. */
    public String singleValue() {
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value, got " + rows.size() + " rows of " + columns);
        }
        return rows.get(0).get(0);
    }
}
