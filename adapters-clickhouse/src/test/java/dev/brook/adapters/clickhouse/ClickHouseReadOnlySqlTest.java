package dev.brook.adapters.clickhouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statement check, without an engine (the IT shows the engine's readonly refusing the rest). */
class ClickHouseReadOnlySqlTest {

    @Test
    void readingStatementsPassWithoutTheirTrailingSemicolon() {
        assertThat(ClickHouseReadOnlySql.requireReadOnly("SELECT count() FROM benchmark.sensors_local;"))
                .isEqualTo("SELECT count() FROM benchmark.sensors_local");
        assertThat(ClickHouseReadOnlySql.requireReadOnly("  with x AS (SELECT 1) select * from x -- done\n")).startsWith("with x");
        assertThat(ClickHouseReadOnlySql.requireReadOnly("SHOW TABLES FROM benchmark")).isEqualTo("SHOW TABLES FROM benchmark");
        assertThat(ClickHouseReadOnlySql.requireReadOnly("DESCRIBE benchmark.sensors_local; /* trailing */"))
                .isEqualTo("DESCRIBE benchmark.sensors_local");
        assertThat(ClickHouseReadOnlySql.requireReadOnly("SELECT 'a;b', \"c;d\", `e;f`")).isEqualTo("SELECT 'a;b', \"c;d\", `e;f`");
    }

    @Test
    void writingStatementsAreRefusedByName() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "ALTER TABLE t DELETE WHERE 1", "DROP TABLE t",
                "TRUNCATE t", "CREATE TABLE t (a Int8) ENGINE = Memory", "OPTIMIZE TABLE t FINAL", "SET readonly = 0",
                "SYSTEM SHUTDOWN", "/* SELECT */ DELETE FROM t WHERE 1"}) {
            assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly(sql)).as(sql)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused");
        }
    }

    @Test
    void aSecondStatementIsRefusedWhereverItHides() {
        for (String sql : new String[] {"SELECT 1; DROP TABLE t", "SELECT 1;DROP TABLE t;", "SELECT '\\';' ; DROP TABLE t",
                "SELECT $$'$$; DROP TABLE t; SELECT '$$'", "SELECT $tag$x$tag$; DROP TABLE t"}) {
            assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly(sql)).as(sql).hasMessageContaining("one statement");
        }
    }

    @Test
    void clausesThatBypassReadOnlyOrTheTableAreRefused() {
        assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly("SELECT 1 INTO OUTFILE 'x'")).hasMessageContaining("OUTFILE");
        assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly("SELECT 1 SETTINGS readonly = 0")).hasMessageContaining("SETTINGS");
        assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly("SELECT 1 FORMAT JSON")).hasMessageContaining("FORMAT");
        assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly("  ")).hasMessageContaining("no SQL");
        assertThatThrownBy(() -> ClickHouseReadOnlySql.requireReadOnly("SELECT 'open")).hasMessageContaining("unterminated");
    }
}
