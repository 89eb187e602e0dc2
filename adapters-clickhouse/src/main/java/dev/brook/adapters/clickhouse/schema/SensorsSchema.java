package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.core.domain.model.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The aggregate table, one row per (source, window), and the SQL that creates it.
 *
 * <p>Why it looks like this:
 * <ul>
 *   <li>ReplacingMergeTree keyed by {@code (source_id, window_start)} with {@code written_at} as version: a
 *       replayed window is a second version of the same key; queries read the latest one only.</li>
 *   <li>That key also serves the per-source series (a range scan) and the dedup; time-range queries
 *       prune by the daily partition.</li>
 *   <li>Metrics are Float64: the domain admits any finite double and a stored window must read back as it
 *       was written (Float32 would round 7-digit readings and break min ≤ avg ≤ max on read).</li>
 *   <li>Codecs: DoubleDelta for the regular timestamps, T64 for small counts, ZSTD everywhere; the
 *       compression ratio is measured by the query benchmark.</li>
 *   <li>Constraints turn rows no writer should send (NaN, infinities, counts that do not add up) into
 *       an error that names the row, instead of data that quietly poisons every average.</li>
 * </ul>
 */
public final class SensorsSchema {

    public static final String MIGRATIONS_TABLE = "schema_migrations";

    private final String database;
    private final String table;
    private final int ttlDays;
    private final Optional<String> cluster;

    public SensorsSchema(String database, String table, int ttlDays, Optional<String> cluster) {
        this.database = database;
        this.table = table;
        this.ttlDays = ttlDays;
        this.cluster = cluster;
    }

    public static SensorsSchema of(ClickHouseSettings settings) {
        return new SensorsSchema(settings.database(), settings.table(), settings.ttlDays(), settings.clusterName());
    }

    public String database() {
        return database;
    }

    /** {@code database.table}: the table that holds the rows (each shard's own in cluster mode). */
    public String localTable() {
        return database + "." + table;
    }

    /** The table queries read: the Distributed table in cluster mode, else the table itself. */
    public String queryTable() {
        return cluster.isPresent() ? database + "." + distributedTableName() : localTable();
    }

    /** In cluster mode writes go through the Distributed table too, which shards them by source. */
    public String writeTable() {
        return queryTable();
    }

    public String migrationsTable() {
        return database + "." + MIGRATIONS_TABLE;
    }

    public Optional<String> cluster() {
        return cluster;
    }

    /** {@code sensors_local} → {@code sensors}; another name gets {@code _all}. */
    String distributedTableName() {
        return table.endsWith("_local") ? table.substring(0, table.length() - "_local".length()) : table + "_all";
    }

    /** Every stored column in insert order; avg columns hold sum/count of the window. */
    public static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("window_start", "window_end", "source_id", "customer_id", "site_id",
                "event_type", "event_count"));
        for (Metric metric : Metric.all()) {
            columns.add(metric.column() + "_min");
            columns.add(metric.column() + "_max");
            columns.add(metric.column() + "_avg");
        }
        columns.addAll(List.of("status_online", "status_offline", "status_maintenance", "status_error", "motion_count",
                "first_event_time", "last_event_time", "written_at"));
        return List.copyOf(columns);
    }

    public String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + database + onCluster();
    }

    public String createMigrationsTable() {
        return "CREATE TABLE IF NOT EXISTS " + migrationsTable() + onCluster() + "\n(\n"
                + "    version UInt32,\n"
                + "    description String,\n"
                + "    applied_at DateTime64(3, 'UTC')\n"
                + ")\nENGINE = " + engine("ReplacingMergeTree", MIGRATIONS_TABLE, "applied_at") + "\nORDER BY version";
    }

    public String createTable() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(localTable()).append(onCluster()).append("\n(\n");
        ddl.append("    window_start DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),\n");
        ddl.append("    window_end DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),\n");
        ddl.append("    source_id LowCardinality(String),\n");
        ddl.append("    customer_id LowCardinality(String),\n");
        ddl.append("    site_id LowCardinality(String),\n");
        ddl.append("    event_type LowCardinality(String),\n");
        ddl.append("    event_count UInt32 CODEC(T64, ZSTD(1)),\n");
        for (Metric metric : Metric.all()) {
            for (String stat : List.of("_min", "_max", "_avg")) {
                ddl.append("    ").append(metric.column()).append(stat).append(" Float64 CODEC(ZSTD(1)),\n");
            }
        }
        for (String count : List.of("status_online", "status_offline", "status_maintenance", "status_error", "motion_count")) {
            ddl.append("    ").append(count).append(" UInt32 CODEC(T64, ZSTD(1)),\n");
        }
        ddl.append("    first_event_time DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),\n");
        ddl.append("    last_event_time DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),\n");
        ddl.append("    written_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),\n");
        ddl.append("    CONSTRAINT metrics_are_finite CHECK ").append(allMetricsFinite()).append(",\n");
        ddl.append("    CONSTRAINT statuses_add_up CHECK status_online + status_offline + status_maintenance + status_error = event_count,\n");
        ddl.append("    CONSTRAINT window_is_ordered CHECK window_end > window_start AND event_count > 0\n");
        ddl.append(")\n");
        ddl.append("ENGINE = ").append(engine("ReplacingMergeTree", table, "written_at")).append('\n');
        ddl.append("PARTITION BY toYYYYMMDD(window_start)\n");
        ddl.append("ORDER BY (source_id, window_start)\n");
        ddl.append("TTL toDateTime(window_start) + INTERVAL ").append(ttlDays).append(" DAY DELETE\n");
        ddl.append("SETTINGS index_granularity = 8192");
        return ddl.toString();
    }

    /** Cluster mode only: the table queries and writes go through, sharded by source. */
    public Optional<String> createDistributedTable() {
        return cluster.map(c -> "CREATE TABLE IF NOT EXISTS " + queryTable() + onCluster() + " AS " + localTable()
                + "\nENGINE = Distributed('" + c + "', '" + database + "', '" + table + "', cityHash64(source_id))");
    }

    private String allMetricsFinite() {
        List<String> checks = new ArrayList<>();
        for (Metric metric : Metric.all()) {
            for (String stat : List.of("_min", "_max", "_avg")) {
                checks.add("isFinite(" + metric.column() + stat + ")");
            }
        }
        return String.join(" AND ", checks);
    }

    private String engine(String kind, String tableName, String versionColumn) {
        if (cluster.isEmpty()) {
            return kind + "(" + versionColumn + ")";
        }
        return "Replicated" + kind + "('/clickhouse/tables/{shard}/" + database + "/" + tableName + "', '{replica}', "
                + versionColumn + ")";
    }

    private String onCluster() {
        return cluster.map(c -> " ON CLUSTER '" + c + "'").orElse("");
    }
}
