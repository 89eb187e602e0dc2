package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.chdb.ChdbTransport;
import dev.brook.adapters.clickhouse.jdbc.JdbcTransport;
import dev.brook.adapters.clickhouse.schema.SchemaMigrations;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.ReadOnlySql;
import dev.brook.core.domain.time.TimeSource;

import java.util.List;

/**
 * The aggregate store: opens the transport the settings name, brings the schema up to date (migrations
 * at start-up, no manual step) and hands out the three ports. One per application; close it at the end.
 *
 * <pre>{@code
 * try (ClickHouseStore store = ClickHouseStore.open(ClickHouseSettings.embedded(Path.of("brook-data/clickhouse")))) {
 *     store.sink().write(aggregates);
 *     long windows = store.queries().countAggregates();
 * }
 * }</pre>
 */
public final class ClickHouseStore implements AutoCloseable {

    private final ClickHouseSettings settings;
    private final ClickHouseTransport transport;
    private final SensorsSchema schema;
    private final TimeSource time;
    private final List<Integer> appliedMigrations;

    private ClickHouseStore(ClickHouseSettings settings, ClickHouseTransport transport, TimeSource time) {
        this.settings = settings;
        this.transport = transport;
        this.schema = new SensorsSchema(settings.database(), settings.table(), settings.ttlDays(),
                settings.clusterName());
        this.time = time;
        this.appliedMigrations = new SchemaMigrations(schema).apply(transport, time.currentTimeMillis());
    }

    public static ClickHouseStore open(ClickHouseSettings settings) {
        return open(settings, TimeSource.system());
    }

    public static ClickHouseStore open(ClickHouseSettings settings, TimeSource time) {
        return over(settings, connect(settings), time);
    }

    /** A store over a transport the caller made (tests, or a transport shared by two stores). */
    public static ClickHouseStore over(ClickHouseSettings settings, ClickHouseTransport transport, TimeSource time) {
        try {
            return new ClickHouseStore(settings, transport, time);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    private static ClickHouseTransport connect(ClickHouseSettings settings) {
        return switch (settings.transport()) {
            case EMBEDDED -> ChdbTransport.open(settings.dataDir().orElseThrow());
            case JDBC -> JdbcTransport.connect(settings.jdbcUrl().orElseThrow(), settings.user(), settings.password());
        };
    }

    /** A sink writing {@link ClickHouseSettings#batchSize()} rows per insert, retrying transient failures. */
    public AggregateSink sink() {
        return new ClickHouseAggregateSink(transport, schema, settings.batchSize(), ClickHouseAggregateSink.RetryPolicy.DEFAULT, time);
    }

    public AggregateQueries queries() {
        return new ClickHouseAggregateQueries(transport, schema, time);
    }

    public ReadOnlySql readOnlySql() {
        return new ClickHouseReadOnlySql(transport);
    }

    public ClickHouseSettings settings() {
        return settings;
    }

    public SensorsSchema schema() {
        return schema;
    }

    /** The transport, for operations below the ports (administration, tests, benchmarks). */
    public ClickHouseTransport transport() {
        return transport;
    }

    /** The migration versions this open applied (empty when the schema was already up to date). */
    public List<Integer> appliedMigrations() {
        return appliedMigrations;
    }

    @Override
    public void close() {
        transport.close();
    }
}
