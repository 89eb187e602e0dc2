package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.RowBinaryWriter;
import dev.brook.adapters.clickhouse.transport.TextTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /**
     * The batch goes to the engine through a temporary file, not inline after the statement: chDB ends
     * inline insert data at the first empty line, and binary data may hold two newline bytes anywhere, so
     * the rest of the batch would be dropped without an error.
     */
    @Override
    public void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount) {
        String description = "INSERT INTO " + qualifiedTable + " FORMAT " + RowBinaryWriter.FORMAT + " (" + rowCount + " rows)";
        Path file = null;
        try {
            file = Files.createTempFile("brook-chdb-insert-", ".bin");
            Files.write(file, batch);
            String sql = "INSERT INTO " + qualifiedTable + " FROM INFILE " + stringLiteral(file.toString())
                    + " SETTINGS " + ClickHouseTransport.STRICT_INSERT_SETTING + " = 0 FORMAT " + RowBinaryWriter.FORMAT;
            engine.run(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated", QueryParameters.none(), description);
        } catch (IOException e) {
            throw new ClickHouseStatementException("cannot hand the batch to chDB through a temporary file ("
                    + e.getMessage() + "; check java.io.tmpdir has space): " + description, -1, true, e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static String stringLiteral(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
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
