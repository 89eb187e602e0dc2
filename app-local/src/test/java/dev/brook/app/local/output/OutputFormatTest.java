package dev.brook.app.local.output;

import dev.brook.app.local.testing.FlatJson;
import dev.brook.core.domain.port.out.ReadOnlySql.Table;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFormatTest {

    private final Table table = new Table(List.of("source_id", "event_count", "note"),
            List.of(List.of("source-0000001", "12", "plain"), List.of("source-0000002", "3", "has, comma \"quoted\"")));

    private String render(OutputFormat format, Table t) {
        StringWriter out = new StringWriter();
        format.print(t, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void tableAlignsColumnsAndCountsRows() {
        assertThat(render(OutputFormat.TABLE, table).lines().toList()).containsExactly(
                "source_id      | event_count | note",
                "---------------+-------------+--------------------",
                "source-0000001 | 12          | plain",
                "source-0000002 | 3           | has, comma \"quoted\"",
                "(2 rows)");
    }

    @Test
    void csvQuotesOnlyWhereNeeded() {
        assertThat(render(OutputFormat.CSV, table)).isEqualTo("source_id,event_count,note\n"
                + "source-0000001,12,plain\n"
                + "source-0000002,3,\"has, comma \"\"quoted\"\"\"\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithNumbersUnquoted() {
        String json = render(OutputFormat.JSON, table);
        List<String> objects = json.lines().filter(line -> line.startsWith("  {"))
                .map(line -> line.strip().replaceAll(",$", "")).toList();
        assertThat(json).startsWith("[").endsWith("]\n");
        assertThat(objects).hasSize(2);
        assertThat(FlatJson.parseObject(objects.get(1)))
                .containsEntry("source_id", "source-0000002")
                .containsEntry("note", "has, comma \"quoted\"")
                .containsEntry("event_count", new java.math.BigDecimal("3"));
        assertThat(render(OutputFormat.JSON, new Table(List.of("a"), List.of()))).isEqualTo("[]\n");
    }
}
