package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.schema.SchemaMigrations;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.contract.AggregateStoreContract;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.port.out.ReadOnlySql;
import dev.brook.core.domain.testing.EventBuilder;
import dev.brook.core.domain.time.TimeSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract plus what is ClickHouse's own: migrations, TTL, rows the table refuses, read-only
 * SQL. Subclassed per transport; each test gets a database of its own, dropped afterwards.
 */
public abstract class ClickHouseStoreContract extends AggregateStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    protected ClickHouseStore clickHouse;

    /** Settings of the transport under test, on {@code database}. */
    protected abstract ClickHouseSettings settings(String database);

    @Override
    protected StoreUnderTest openEmptyStore() {
        String database = "brook_it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        clickHouse = ClickHouseStore.open(settings(database));
        ClickHouseStore opened = clickHouse;
        AggregateSink sink = opened.sink();
        AggregateQueries queries = opened.queries();
        return new StoreUnderTest() {
            @Override
            public AggregateSink sink() {
                return sink;
            }

            @Override
            public AggregateQueries queries() {
                return queries;
            }

            @Override
            public void close() {
                opened.transport().execute("DROP DATABASE IF EXISTS " + database);
                opened.close();
            }
        };
    }

    private ClickHouseTransport transport() {
        return clickHouse.transport();
    }

    @Test
    void migratingTwiceChangesNothing() {
        String tableBefore = showCreateTable();
        SchemaMigrations migrations = new SchemaMigrations(clickHouse.schema());

        assertThat(clickHouse.appliedMigrations()).containsExactly(1);
        assertThat(migrations.apply(transport(), System.currentTimeMillis())).isEmpty();
        try (ClickHouseStore reopened = ClickHouseStore.open(clickHouse.settings())) {
            assertThat(reopened.appliedMigrations()).isEmpty();
        }

        assertThat(showCreateTable()).isEqualTo(tableBefore);
        assertThat(transport().query("SELECT version, count() FROM " + clickHouse.schema().migrationsTable()
                + " GROUP BY version ORDER BY version", QueryParameters.none()).rows()).containsExactly(List.of("1", "1"));
    }

    @Test
    void theTableHasTheTtlAndTheEngineThatMakeReplaysHarmless() {
        String ddl = showCreateTable();

        assertThat(ddl).contains("TTL toDateTime(window_start) + toIntervalDay(" + clickHouse.settings().ttlDays() + ")");
        assertThat(ddl).contains("ReplacingMergeTree(written_at)").contains("ORDER BY (source_id, window_start)");
        assertThat(ddl).contains("`temperature_avg` Float64").contains("`battery_level_min` Float64").contains("`event_count` UInt32");
    }

    @Test
    void aRowTheTableCannotHoldIsRefusedNamingItAndNothingOfItsBatchIsStored() {
        WindowAggregate fine = known.aggregates().get(0);
        long year2400 = 13_569_465_600_000L;
        WindowAggregate tooLate = singleEventAggregate(year2400);

        assertThatThrownBy(() -> store.sink().write(List.of(fine, tooLate)))
                .isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("row 2 of the batch")
                .hasMessageContaining(tooLate.sourceId().value())
                .hasMessageContaining("DateTime64")
                .satisfies(e -> assertThat(((AggregateWriteException) e).isTransient()).isFalse());
        assertThat(store.queries().countAggregates()).isZero();
    }

    @Test
    void aNanMetricIsRefusedByTheTableNamingTheRow() {
        String goodRow = encodedRow(known.aggregates().get(0));
        String nanRow = encodedRow(known.aggregates().get(1)).replaceFirst("\"temperature_avg\":[^,]+", "\"temperature_avg\":\"nan\"");

        assertThatThrownBy(() -> insertRaw(goodRow + nanRow))
                .isInstanceOf(ClickHouseStatementException.class)
                .hasMessageContaining("metrics_are_finite")
                .hasMessageContaining("row 2")
                .satisfies(e -> assertThat(((ClickHouseStatementException) e).isTransient()).isFalse());
        assertThat(store.queries().countAggregates()).isZero();
    }

    @Test
    void anUnknownColumnIsRefusedNamingTheRowAndTheColumn() {
        String goodRow = encodedRow(known.aggregates().get(0));
        String badRow = encodedRow(known.aggregates().get(1)).replaceFirst("\\{", "{\"humidity_median\":1.5,");

        assertThatThrownBy(() -> insertRaw(goodRow + badRow))
                .isInstanceOf(ClickHouseStatementException.class)
                .hasMessageContaining("humidity_median")
                .hasMessageContaining("row 2");
        assertThat(store.queries().countAggregates()).isZero();
    }

    @Test
    void theSinkNamesTheRowTheEngineRefused() {
        // A row the domain accepts but the table's constraint refuses is impossible through the port by design;
        // a sink over a transport that corrupts row 2 shows how an engine's "at row N" reaches the caller.
        ClickHouseTransport corrupting = new ForwardingTransport(transport()) {
            @Override
            public void insertJsonEachRow(String table, byte[] rows, int count) {
                String[] lines = new String(rows, StandardCharsets.UTF_8).split("\n");
                lines[1] = lines[1].replaceFirst("\"humidity_max\":[^,]+", "\"humidity_max\":\"inf\"");
                super.insertJsonEachRow(table, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), count);
            }
        };
        ClickHouseAggregateSink sink = new ClickHouseAggregateSink(corrupting, clickHouse.schema(), 1_000,
                ClickHouseAggregateSink.RetryPolicy.DEFAULT, TimeSource.system());
        List<WindowAggregate> batch = known.aggregates().subList(0, 3);

        assertThatThrownBy(() -> sink.write(batch))
                .isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("at row 2 of the batch (" + batch.get(1).sourceId() + " " + batch.get(1).window() + ")")
                .hasMessageContaining("metrics_are_finite");
    }

    @Test
    void readOnlySqlAnswersQueriesAndRefusesWrites() {
        writeAll(1_000);
        ReadOnlySql sql = clickHouse.readOnlySql();
        String table = clickHouse.schema().queryTable();

        ReadOnlySql.Table answer = sql.query("SELECT count() AS windows, sum(event_count) AS events FROM " + table + " FINAL;");
        assertThat(answer.columns()).containsExactly("windows", "events");
        assertThat(answer.rows()).containsExactly(List.of(Long.toString(known.size()),
                Long.toString(known.totalEvents(known.fullRange()))));
        assertThat(sql.query("SHOW CREATE TABLE " + table).rows().get(0).get(0)).contains("ReplacingMergeTree");

        assertThatThrownBy(() -> sql.query("DROP TABLE " + table)).hasMessageContaining("refused").hasMessageContaining("DROP");
        assertThatThrownBy(() -> sql.query("INSERT INTO " + table + " SELECT * FROM " + table)).hasMessageContaining("refused");
        assertThatThrownBy(() -> sql.query("SELECT 1; DROP TABLE " + table)).hasMessageContaining("one statement");
        assertThatThrownBy(() -> sql.query("SELECT $$'$$; DROP TABLE " + table + "; SELECT '$$'")).hasMessageContaining("one statement");
        assertThatThrownBy(() -> sql.query("SELECT 1 INTO OUTFILE '/tmp/brook-x'")).hasMessageContaining("OUTFILE");
        assertThatThrownBy(() -> sql.query("SELECT 1 SETTINGS readonly = 0")).hasMessageContaining("SETTINGS");
        // What the statement check lets through, the engine's readonly refuses.
        assertThatThrownBy(() -> sql.query("SELECT * FROM file('/tmp/brook-never-there.csv', 'CSV', 'a String')"))
                .isInstanceOf(ClickHouseStatementException.class);
        assertThat(store.queries().countAggregates()).isEqualTo(known.size());
    }

    protected String showCreateTable() {
        return transport().query("SHOW CREATE TABLE " + clickHouse.schema().localTable(), QueryParameters.none()).singleValue();
    }

    private void insertRaw(String jsonEachRow) {
        transport().insertJsonEachRow(clickHouse.schema().writeTable(), jsonEachRow.getBytes(StandardCharsets.UTF_8),
                (int) jsonEachRow.lines().count());
    }

    private static String encodedRow(WindowAggregate aggregate) {
        return new String(dev.brook.adapters.clickhouse.schema.RowEncoder.encode(List.of(aggregate), System.currentTimeMillis()),
                StandardCharsets.UTF_8);
    }

    private static WindowAggregate singleEventAggregate(long timeMillis) {
        TimeWindow window = new TimeWindow(timeMillis - timeMillis % 60_000, timeMillis - timeMillis % 60_000 + 60_000);
        return new WindowAccumulator().add(EventBuilder.valid().source(4242).time(timeMillis).build()).toAggregate(window);
    }
}
