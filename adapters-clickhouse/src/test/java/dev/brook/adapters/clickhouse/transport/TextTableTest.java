package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
}
