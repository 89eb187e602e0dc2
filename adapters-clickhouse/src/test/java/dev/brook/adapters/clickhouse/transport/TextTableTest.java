package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {

    @Test
    void parsesNamesAndEscapedValues() {
        TextTable table = TextTable.parse("name\tvalue\na\\tb\tline\\nbreak\nback\\\\slash\t\\'q\\'\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.columns()).containsExactly("name", "value");
        assertThat(table.rows()).containsExactly(List.of("a\tb", "line\nbreak"), List.of("back\\slash", "'q'"));
    }

    @Test
    void aNullReadsAsNullNotAsTheLetterItIsEscapedWith() {
        TextTable table = TextTable.parse("x\ty\tz\n\\N\t\\\\N\tN\n".getBytes(StandardCharsets.UTF_8));

        assertThat(table.rows()).containsExactly(List.of("NULL", "\\N", "N"));
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

    @Test
    void valuesAreReadByRowAndColumnAsTextOrNumbers() {
        TextTable table = TextTable.parse("t\tid\tn\n1795345800000\tcust-000001\t-42\n0\tsite\\t1\t9223372036854775807\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.longValue(0, 0)).isEqualTo(1_795_345_800_000L);
        assertThat(table.text(0, 1)).isEqualTo("cust-000001");
        assertThat(table.longValue(0, 2)).isEqualTo(-42);
        assertThat(table.longValue(1, 0)).isZero();
        assertThat(table.text(1, 1)).isEqualTo("site\t1");
        assertThat(table.longValue(1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(table.doubleValue(0, 2)).isEqualTo(-42.0);
    }

    @Test
    void aValueThatIsNotAWholeNumberIsRefusedNamingIt() {
        TextTable table = TextTable.parse("n\n12x\n\n99999999999999999999\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> table.longValue(0, 0)).isInstanceOf(NumberFormatException.class).hasMessageContaining("12x");
        assertThatThrownBy(() -> table.longValue(1, 0)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> table.longValue(2, 0)).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("99999999999999999999");
    }

    @Test
    void aRowOrColumnOutsideTheAnswerIsAnErrorSayingHowBigItIs() {
        TextTable table = TextTable.parse("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> table.text(1, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("1 rows");
        assertThatThrownBy(() -> table.longValue(0, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("2 values");
        assertThatThrownBy(table::singleValue).isInstanceOf(IllegalStateException.class).hasMessageContaining("[a, b]");
    }

    /** TabSeparated's escaping, as ClickHouse writes values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\0", "\\0").replace("\b", "\\b").replace("\f", "\\f").replace("'", "\\'");
    }
}
