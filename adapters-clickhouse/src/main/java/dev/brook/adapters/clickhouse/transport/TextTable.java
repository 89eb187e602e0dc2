package dev.brook.adapters.clickhouse.transport;

import java.io.ByteArrayOutputStream;
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

    /** Parses TabSeparatedWithNames bytes: a header line of names, then one line per row, values escaped. */
    public static TextTable parse(byte[] output) {
        List<List<String>> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean lineHasContent = false;
        for (int i = 0; i < output.length; i++) {
            byte b = output[i];
            if (b == '\t') {
                current.add(field.toString(StandardCharsets.UTF_8));
                field.reset();
                lineHasContent = true;
            } else if (b == '\n') {
                current.add(field.toString(StandardCharsets.UTF_8));
                field.reset();
                lines.add(current);
                current = new ArrayList<>();
                lineHasContent = false;
            } else if (b == '\\' && i + 1 < output.length) {
                field.write(unescape(output[++i]));
                lineHasContent = true;
            } else {
                field.write(b);
                lineHasContent = true;
            }
        }
        if (lineHasContent) {
            current.add(field.toString(StandardCharsets.UTF_8));
            lines.add(current);
        }
        if (lines.isEmpty()) {
            return new TextTable(List.of(), List.of());
        }
        return new TextTable(lines.get(0), lines.subList(1, lines.size()));
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
