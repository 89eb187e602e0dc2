package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    @Test
    void parsesNamesAndEscapedValues() {
        TextTable table = TextTable.parse("name\tvalue\na\\tb\tline\\nbreak\nback\\\\slash\t\\'q\\'\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.columns()).containsExactly("name", "value");
        assertThat(table.rows()).containsExactly(List.of("a\tb", "line\nbreak"), List.of("back\\slash", "'q'"));
    }

    @Test
    void emptyValuesAndUtf8Survive() {
        TextTable table = TextTable.parse("a\tb\n\tgrüß\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.rows()).containsExactly(List.of("", "grüß"));
    }

    @Test
    void noOutputIsAnEmptyTable() {
        assertThat(TextTable.parse(new byte[0]).rows()).isEmpty();
        assertThat(TextTable.parse("count()\n".getBytes(StandardCharsets.UTF_8)).rows()).isEmpty();
    }

    @Test
    void valuesEscapedAsClickHouseWritesThemReadBackAsTheyWere() {
        Random random = new Random(7);
        String alphabet = "ab1-_ \t\n\r\\'\0\b\füß€";
        for (int round = 0; round < 200; round++) {
            int columns = 1 + random.nextInt(4);
            List<List<String>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : "\t").append("c").append(c);
            }
            text.append('\n');
            for (int r = random.nextInt(5); r > 0; r--) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    StringBuilder value = new StringBuilder();
                    for (int k = random.nextInt(6); k > 0; k--) {
                        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    row.add(value.toString());
                    text.append(c == 0 ? "" : "\t").append(escape(value.toString()));
                }
                rows.add(row);
                text.append('\n');
            }

            TextTable table = TextTable.parse(text.toString().getBytes(StandardCharsets.UTF_8));

            assertThat(table.rows()).as("round %d: %s", round, text).isEqualTo(rows);
        }
    }

    @Test
    void outputWithoutTheLastLineBreakKeepsItsLastValues() {
        assertThat(TextTable.parse("a\tb\nx\t".getBytes(StandardCharsets.UTF_8)).rows()).containsExactly(List.of("x", ""));
        assertThat(TextTable.parse("a\nx\\".getBytes(StandardCharsets.UTF_8)).rows()).containsExactly(List.of("x\\"));
    }

    /** TabSeparated's escaping, as ClickHouse writes values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\0", "\\0").replace("\b", "\\b").replace("\f", "\\f").replace("'", "\\'");
    }
}
