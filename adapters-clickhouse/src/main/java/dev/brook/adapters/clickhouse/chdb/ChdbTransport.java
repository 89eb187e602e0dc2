package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.transport.BinaryTable;
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
     * The batch goes to the engine through a temporary file that the statement reads with the {@code file}
     * table function. Not inline after the statement: chDB ends inline insert data at the first empty line,
     * and binary data may hold two newline bytes anywhere, so the rest of the batch would be dropped without
     * an error. Not {@code FROM INFILE} either: for an INSERT that carries data, chDB's client reads the
     * host process's standard input (fd 0) when it holds bytes, and parses them as the insert's data instead
     * of the file's: the insert fails, or waits for good on an open pipe (Maven's command pipe in a test fork,
     * {@code cmd | java -jar}). An INSERT … SELECT carries no data, so no stdin is read. With no structure given, the
     * table function takes the table's, and the batch's header names its columns: an unknown one is refused
     * by name, as with any insert.
     */
    @Override
    public void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount) {
        String description = "INSERT INTO " + qualifiedTable + " FORMAT " + RowBinaryWriter.FORMAT + " (" + rowCount + " rows)";
        Path file = null;
        try {
            file = stagingFile();
            Files.write(file, batch);
            String sql = "INSERT INTO " + qualifiedTable + " SELECT * FROM file(" + stringLiteral(file.toString()) + ", "
                    + stringLiteral(RowBinaryWriter.FORMAT) + ") SETTINGS " + ClickHouseTransport.STRICT_INSERT_SETTING + " = 0";
            engine.run(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated", QueryParameters.none(), description);
        } catch (IOException e) {
            throw new ClickHouseStatementException("cannot hand the batch to chDB through a temporary file ("
                    + e.getMessage() + "; check java.io.tmpdir has space): " + description, -1, true, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** The file function reads {@code * ? { } [ ]} in a path as a pattern, so a path holding one is refused up front. */
    private static Path stagingFile() throws IOException {
        Path file = Files.createTempFile("brook-chdb-insert-", ".bin");
        if (file.toString().chars().anyMatch(c -> "*?{}[]".indexOf(c) >= 0)) {
            deleteQuietly(file);
            throw new IllegalStateException("chDB cannot read insert batches from " + file.getParent() + ": the path holds "
                    + "one of * ? { } [ ], which ClickHouse reads as a file pattern. Point java.io.tmpdir at a "
                    + "directory without them (e.g. -Djava.io.tmpdir=/tmp)");
        }
        return file;
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

    @Override
    public BinaryTable queryBinary(String sql, QueryParameters parameters) {
        return BinaryTable.parse(engine.run(sql, BinaryTable.FORMAT, parameters));
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
