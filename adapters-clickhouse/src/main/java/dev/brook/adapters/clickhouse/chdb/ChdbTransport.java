package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.TextTable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The embedded transport: statements go to this JVM's {@link ChdbEngine}. */
public final class ChdbTransport implements ClickHouseTransport {

    private final ChdbEngine engine;

    private ChdbTransport(ChdbEngine engine) {
        this.engine = engine;
    }

    /** Opens (or joins) the JVM's engine on {@code dataDir}. */
    public static ChdbTransport open(Path dataDir) {
        return new ChdbTransport(ChdbEngine.open(dataDir));
    }

    public ChdbEngine engine() {
        return engine;
    }

    @Override
    public void execute(String sql) {
        engine.run(sql, "TabSeparated", QueryParameters.none());
    }

    @Override
    public void insertJsonEachRow(String qualifiedTable, byte[] rows, int rowCount) {
        // chDB takes insert data inline, after the FORMAT clause of the statement.
        byte[] head = ("INSERT INTO " + qualifiedTable + " SETTINGS " + ClickHouseTransport.STRICT_INSERT_SETTING
                + " = 0 FORMAT JSONEachRow\n").getBytes(StandardCharsets.UTF_8);
        byte[] statement = new byte[head.length + rows.length];
        System.arraycopy(head, 0, statement, 0, head.length);
        System.arraycopy(rows, 0, statement, head.length, rows.length);
        engine.run(statement, "TabSeparated", QueryParameters.none(),
                "INSERT INTO " + qualifiedTable + " FORMAT JSONEachRow (" + rowCount + " rows)");
    }

    @Override
    public TextTable query(String sql, QueryParameters parameters) {
        return TextTable.parse(engine.run(sql, TextTable.FORMAT, parameters));
    }

    /**
     * chDB 26.5 has no per-statement settings outside the SQL, so {@code readonly} goes into a SETTINGS
     * clause; {@code ClickHouseReadOnlySql} has made sure the statement is one statement without its own.
     */
    @Override
    public TextTable queryReadOnly(String sql) {
        return TextTable.parse(engine.run(sql + "\nSETTINGS readonly = 1", TextTable.FORMAT, QueryParameters.none()));
    }

    @Override
    public String describe() {
        return "embedded chDB at " + engine.dataDir();
    }

    /** The engine stays up for the JVM (it is shared and meant to boot once); nothing to release per store. */
    @Override
    public void close() {
    }
}
