package dev.brook.adapters.clickhouse.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query answer: column names and rows of text values, parsed from ClickHouse's
 * {@code TabSeparatedWithNames} output: for ad-hoc SQL, whose values read as the engine prints them, and the
 * statements' small answers. The analytics queries read {@link BinaryTable}s instead. A NULL (which the format
 * writes {@code \N}) reads as the text {@code NULL}.
 *
 * <p>Parsing only marks where each value lies in the answer's bytes; a value becomes a string or a number
 * when asked for, so a wide answer costs a pass over its bytes, not a string per value.
 */
public final class TextTable {

    /** The output format this table is parsed from. */
    public static final String FORMAT = "TabSeparatedWithNames";

    private static final TextTable EMPTY = new TextTable(new byte[0], new int[0], new int[] {0});

    private final byte[] output;
    /**
     * Where value i ends: at its separator (tab or line break) or the output's end. It starts one byte after the
     * previous value's end (value 0 at 0), still escaped.
     */
    private final int[] ends;
    /** Line l's values are {@code lineStarts[l] .. lineStarts[l+1] - 1}; line 0 is the header. */
    private final int[] lineStarts;

    private TextTable(byte[] output, int[] ends, int[] lineStarts) {
        this.output = output;
        this.ends = ends;
        this.lineStarts = lineStarts;
    }

    /** Parses TabSeparatedWithNames bytes: a header line of names, then one line per row, values escaped. */
    public static TextTable parse(byte[] output) {
        if (output.length == 0) {
            return EMPTY;
        }
        int[] ends = new int[Math.max(16, output.length / 6)];
        int values = 0;
        int[] lineStarts = new int[Math.max(16, output.length / 64)];
        int lines = 0;
        int linesEnd = 0;
        for (int i = 0; i < output.length; i++) {
            byte b = output[i];
            if (b == '\\') {
                i++; // the escaped byte is never a separator
            } else if (b == '\t' || b == '\n') {
                if (values == ends.length) {
                    ends = Arrays.copyOf(ends, values * 2);
                }
                ends[values++] = i;
                if (b == '\n') {
                    linesEnd = i + 1;
                    if (lines + 2 > lineStarts.length) {
                        lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
                    }
                    lineStarts[++lines] = values;
                }
            }
        }
        if (linesEnd < output.length) { // the last line has no line break: it ends with the output
            ends = Arrays.copyOf(ends, values + 1);
            ends[values++] = output.length;
            lineStarts = Arrays.copyOf(lineStarts, lines + 2);
            lineStarts[++lines] = values;
        }
        return new TextTable(output, ends, Arrays.copyOf(lineStarts, lines + 1));
    }

    /** The column names (the header line); none for an empty output. */
    public List<String> columns() {
        return lineCount() == 0 ? List.of() : line(0);
    }

    public int rowCount() {
        return Math.max(0, lineCount() - 1);
    }

    /** Every row as its text values: for small answers; wide ones are read value by value. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>(rowCount());
        for (int row = 0; row < rowCount(); row++) {
            rows.add(line(row + 1));
        }
        return List.copyOf(rows);
    }

    /** The value in {@code row} (0 = the first after the header) and {@code column}, unescaped. */
    public String text(int row, int column) {
        return text(valueIndex(row, column));
    }

    private int start(int value) {
        return value == 0 ? 0 : ends[value - 1] + 1;
    }

    private String text(int value) {
        int start = start(value);
        int end = ends[value];
        for (int i = start; i < end; i++) {
            if (output[i] == '\\') {
                return unescaped(start, end);
            }
        }
        return new String(output, start, end - start, StandardCharsets.UTF_8);
    }

    /** The value as a whole number, read from its digits without a string in between. */
    public long longValue(int row, int column) {
        int value = valueIndex(row, column);
        int i = start(value);
        int end = ends[value];
        boolean negative = i < end && output[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end || end - i > 18) {
            return Long.parseLong(text(row, column)); // empty, or long enough to overflow: the library's rules and message
        }
        long result = 0;
        for (; i < end; i++) {
            int digit = output[i] - '0';
            if (digit < 0 || digit > 9) {
                return Long.parseLong(text(row, column)); // not a plain number: the library's message names it
            }
            result = result * 10 + digit;
        }
        return negative ? -result : result;
    }

    public double doubleValue(int row, int column) {
        return Double.parseDouble(text(row, column));
    }

    public int columnIndex(String name) {
        List<String> columns = columns();
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("the answer has no column '" + name + "'; it has " + columns);
        }
        return index;
    }

    /** The single value of a one-row, one-column answer. */
    public String singleValue() {
        if (rowCount() != 1 || valuesOnLine(1) != 1) {
            throw new IllegalStateException("expected one value, got " + rowCount() + " rows of " + columns());
        }
        return text(0, 0);
    }

    private int lineCount() {
        return lineStarts.length - 1;
    }

    private int valuesOnLine(int line) {
        return lineStarts[line + 1] - lineStarts[line];
    }

    private List<String> line(int line) {
        List<String> values = new ArrayList<>(valuesOnLine(line));
        for (int value = lineStarts[line]; value < lineStarts[line + 1]; value++) {
            values.add(text(value));
        }
        return List.copyOf(values);
    }

    private int valueIndex(int row, int column) {
        if (row < 0 || row >= rowCount()) {
            throw new IndexOutOfBoundsException("row " + row + " of an answer with " + rowCount() + " rows");
        }
        if (column < 0 || column >= valuesOnLine(row + 1)) {
            throw new IndexOutOfBoundsException("column " + column + " of a row with " + valuesOnLine(row + 1) + " values");
        }
        return lineStarts[row + 1] + column;
    }

    private String unescaped(int start, int end) {
        if (end - start == 2 && output[start] == '\\' && output[start + 1] == 'N') {
            return "NULL"; // a string "\N" is written "\\N"
        }
        byte[] value = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            value[length++] = output[i] == '\\' && i + 1 < end ? unescape(output[++i]) : output[i];
        }
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private static byte unescape(byte escaped) {
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
}
