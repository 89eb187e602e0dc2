package dev.brook.adapters.clickhouse.transport;

import java.util.List;

/**
 * How the adapter talks to a ClickHouse engine: the embedded chDB library or a server over JDBC.
 * Both take the same SQL, the same {@code {name:Type}} parameters, the same insert batches
 * ({@link RowBinaryWriter#FORMAT}), and
 * answer in the same formats ({@code TabSeparatedWithNames}, or {@code RowBinaryWithNamesAndTypes} for the analytics
 * queries), so everything above is written once.
 *
 * <p>Failures are {@link ClickHouseStatementException}s carrying the engine's error code.
 */
public interface ClickHouseTransport extends AutoCloseable {

    /**
     * Set to 0 on every insert: a column the table lacks is an error naming it, not a value silently
     * skipped (recent ClickHouse releases skip unknown fields by default).
     */
    String STRICT_INSERT_SETTING = "input_format_skip_unknown_fields";

    /**
     * Makes an insert into a Distributed table (cluster mode) return once the shards hold the rows, not once they are
     * queued: the sink's rollup refresh reads them right after. A plain table ignores it.
     */
    String FOREGROUND_INSERT_SETTING = "distributed_foreground_insert";

    /**
     * Turned off (0) for every statement, by each transport. The engine compiles an expression, an aggregation or a
     * sort to machine code the third time it meets the same one, inside that statement: eight times over the port's
     * queries on chDB here, most taking 30-45 ms, each a spike in the ask that paid it. The compiled code made none of
     * these queries faster; they read up to about a million rows.
     */
    List<String> JIT_COMPILATION_SETTINGS = List.of("compile_expressions", "compile_aggregate_expressions", "compile_sort_description");

    /** Runs a statement that returns nothing of interest (DDL). */
    void execute(String sql);

    /** Inserts a batch written by {@link RowBinaryWriter} ({@code rowCount} rows) into {@code database.table}. */
    void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount);

    /** Runs a query with bound parameters; the answer is a table of text values. */
    TextTable query(String sql, QueryParameters parameters);

    /** Like {@link #query}, answered in binary: for the analytics queries, whose answers can be wide. */
    BinaryTable queryBinary(String sql, QueryParameters parameters);

    /** Runs a query with the engine's {@code readonly} setting on: anything that would write is refused by it. */
    TextTable queryReadOnly(String sql);

    /** E.g. "chDB 26.5.3 at /var/lib/brook" or "jdbc:clickhouse://host:8123": for messages. */
    String describe();

    @Override
    void close();
}
