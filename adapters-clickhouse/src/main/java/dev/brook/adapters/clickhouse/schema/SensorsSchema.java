package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.RowBinaryWriter;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The aggregate table, one row per (source, window), and the SQL that creates it.
 *
 * <p>Why it looks like this:
 * <ul>
 *   <li>ReplacingMergeTree keyed by {@code (source_id, window_start)} with {@code written_at} as version: a
 *       replayed window is a second version of the same key; queries read the latest one only.</li>
 *   <li>That key also serves the per-source series (a range scan) and the dedup; time-range queries
 *       prune by the hourly partition.</li>
 *   <li>Hourly partitions, each merged into one part once no write has reached it for
 *       {@link #FORCE_MERGE_AFTER_SECONDS} s: reading the latest version ({@code FINAL}) then only merges the
 *       parts of the hour being written, since a key never spans partitions, and an ended hour is read as it
 *       is. With daily partitions every query over today merged all of today's parts, which every insert
 *       spreads over the whole key range. 720 partitions for 30 days; expired ones are dropped whole.</li>
 *   <li>Metrics are Float64: the domain admits any finite double and a stored window must read back as it
 *       was written (Float32 would round 7-digit readings and break min ≤ avg ≤ max on read).</li>
 *   <li>Codecs: DoubleDelta for the regular timestamps, T64 for small counts, ZSTD everywhere. The
 *       metrics are nearly all of the bytes; on the benchmark's readings (rounded to 0.01) ZSTD(3) stores
 *       them 6 % smaller than ZSTD(1), ZSTD(6) 10 %, while Gorilla and FPC store them 40 % larger (they pay
 *       on slowly drifting series, which independently drawn readings are not). The query benchmark
 *       prints the ratio.</li>
 *   <li>A rollup table beside it holds each window's totals per site and per customer (events, errors and the
 *       list of sources, so hours count a source once), so the wide queries read about a hundredth of the
 *       rows, already deduplicated. The sink recomputes the rollup of every window it writes, from the
 *       aggregate table, right after the write ({@link #refreshRollups}): whole totals, never increments, so a
 *       replay or a late update leaves them exact. The same table holds each source's totals per ten minutes, hour
 *       and day ({@link SourceTotals}), which top-N reads instead of every window, grouped by the source's index
 *       ({@link #SOURCE_INDEX}): a number groups in half the time of a 14-character id.</li>
 *   <li>A recent rows table holds the last two hours' rows again, each packed into one column and sorted by window
 *       ({@link #createRecentTable()}), filled by a materialized view in the same insert: the newest window's first
 *       rows, which {@code latest} asks for, lie together there, and so do the windows at the edges of a top-N
 *       range, whose event counts it holds unpacked.</li>
 *   <li>Constraints turn rows no writer should send (NaN, infinities, counts that do not add up) into
 *       an error that names the row, instead of data that quietly poisons every average.</li>
 * </ul>
 */
public final class SensorsSchema {

    public static final String MIGRATIONS_TABLE = "schema_migrations";

    /** A stored column: its name, ClickHouse type and compression codec (empty: the table's default). */
    public record Column(String name, String type, String codec) {
        String definition() {
            return name + " " + type + (codec.isEmpty() ? "" : " CODEC(" + codec + ")");
        }
    }

    private static final String TIME = "DateTime64(3, 'UTC')";
    private static final String ID = "LowCardinality(String)";
    private static final String COUNT = "UInt32";
    private static final String METRIC = "Float64";
    private static final String METRIC_CODEC = "ZSTD(3)";

    /** How long a partition goes without writes before it is merged into one part. */
    public static final int FORCE_MERGE_AFTER_SECONDS = 120;
    private static final String MERGE_SETTINGS = "min_age_to_force_merge_seconds = " + FORCE_MERGE_AFTER_SECONDS
            + ", min_age_to_force_merge_on_partition_only = 1, ttl_only_drop_parts = 1";

    private static final List<Column> COLUMNS = defineColumns();

    /** The columns of {@link #migrationsTable()}: one row per applied version. */
    public static final List<Column> MIGRATION_COLUMNS = List.of(new Column("version", COUNT, ""),
            new Column("description", "String", ""), new Column("applied_at", TIME, ""));

    /** A writer of a batch of rows of {@code columns}, in their order. */
    public static RowBinaryWriter batchOf(List<Column> columns, int expectedBytes) {
        return new RowBinaryWriter(columns.stream().map(Column::name).toList(), columns.stream().map(Column::type).toList(),
                expectedBytes);
    }

    /**
     * Every stored column, in the order rows are encoded; avg columns hold sum/count of the window.
     * The DDL and the insert batches both come from this list.
     */
    public static List<Column> columns() {
        return COLUMNS;
    }

    private static List<Column> defineColumns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("window_start", TIME, "DoubleDelta, ZSTD(1)"));
        columns.add(new Column("window_end", TIME, "DoubleDelta, ZSTD(1)"));
        for (String id : List.of("source_id", "customer_id", "site_id", "event_type")) {
            columns.add(new Column(id, ID, ""));
        }
        columns.add(new Column("event_count", COUNT, "T64, ZSTD(1)"));
        for (Metric metric : Metric.all()) {
            for (String stat : List.of("_min", "_max", "_avg")) {
                columns.add(new Column(metric.column() + stat, METRIC, METRIC_CODEC));
            }
        }
        for (String count : List.of("status_online", "status_offline", "status_maintenance", "status_error", "motion_count")) {
            columns.add(new Column(count, COUNT, "T64, ZSTD(1)"));
        }
        for (String time : List.of("first_event_time", "last_event_time", "written_at")) {
            columns.add(new Column(time, TIME, "Delta, ZSTD(1)"));
        }
        return List.copyOf(columns);
    }

    /**
     * The expressions a stored row is read back by, in the order {@code ClickHouseAggregateQueries} reads them into a
     * window aggregate: times as epoch milliseconds, the rest as stored. The recent rows table packs each row as these
     * values ({@link #createRecentView()}), so a packed row reads like an answer to them, and {@link RowEncoder#packed}
     * packs a row in hand the same way.
     */
    public static final String READ_BACK_COLUMNS = readBackColumns();

    private static String readBackColumns() {
        List<String> columns = new ArrayList<>(List.of("source_id", "toUnixTimestamp64Milli(window_start)",
                "toUnixTimestamp64Milli(window_end)", "customer_id", "site_id", "event_type", "event_count"));
        for (Metric metric : Metric.all()) {
            columns.add(metric.column() + "_min");
            columns.add(metric.column() + "_max");
            columns.add(metric.column() + "_avg");
        }
        columns.addAll(List.of("status_online", "status_offline", "status_maintenance", "status_error", "motion_count",
                "toUnixTimestamp64Milli(first_event_time)", "toUnixTimestamp64Milli(last_event_time)"));
        return String.join(", ", columns);
    }

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
        return distributedName(table);
    }

    private static String distributedName(String localName) {
        return localName.endsWith("_local") ? localName.substring(0, localName.length() - "_local".length()) : localName + "_all";
    }

    public String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + database + onCluster();
    }

    public String createMigrationsTable() {
        return "CREATE TABLE IF NOT EXISTS " + migrationsTable() + onCluster() + "\n(\n"
                + String.join(",\n", MIGRATION_COLUMNS.stream().map(c -> "    " + c.definition()).toList())
                + "\n)\nENGINE = " + engine("ReplacingMergeTree", MIGRATIONS_TABLE, "applied_at") + "\nORDER BY version";
    }

    public String createTable() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(localTable()).append(onCluster()).append("\n(\n");
        for (Column column : COLUMNS) {
            ddl.append("    ").append(column.definition()).append(",\n");
        }
        ddl.append("    CONSTRAINT metrics_are_finite CHECK ").append(allMetricsFinite()).append(",\n");
        ddl.append("    CONSTRAINT statuses_add_up CHECK status_online + status_offline + status_maintenance + status_error = event_count,\n");
        ddl.append("    CONSTRAINT window_is_ordered CHECK window_end > window_start AND event_count > 0\n");
        ddl.append(")\n");
        ddl.append("ENGINE = ").append(engine("ReplacingMergeTree", table, "written_at")).append('\n');
        ddl.append("PARTITION BY toStartOfHour(window_start)\n");
        ddl.append("ORDER BY (source_id, window_start)\n");
        ddl.append("TTL toDateTime(window_start) + INTERVAL ").append(ttlDays).append(" DAY DELETE\n");
        ddl.append("SETTINGS index_granularity = 8192, ").append(MERGE_SETTINGS);
        return ddl.toString();
    }

    /**
     * Brings the codec of every metric column to the one {@link #columns()} names: only the definition
     * changes, parts written before keep theirs until they are merged.
     */
    public String alterMetricCodecs() {
        List<String> changes = COLUMNS.stream().filter(c -> c.type().equals(METRIC))
                .map(c -> "MODIFY COLUMN " + c.definition()).toList();
        return "ALTER TABLE " + localTable() + onCluster() + "\n    " + String.join(",\n    ", changes);
    }

    /**
     * Brings the merge settings of a table made before they were in {@link #createTable()}: a finished partition
     * is merged into one part, expired parts are dropped whole. Its partitioning stays what it was (a partition
     * key cannot be altered; daily partitions then gain this for past days only).
     */
    public String alterMergeSettings() {
        return "ALTER TABLE " + localTable() + onCluster() + " MODIFY SETTING " + MERGE_SETTINGS;
    }

    /** Cluster mode only: the table queries and writes go through, sharded by source. */
    public Optional<String> createDistributedTable() {
        return cluster.map(c -> "CREATE TABLE IF NOT EXISTS " + queryTable() + onCluster() + " AS " + localTable()
                + "\nENGINE = Distributed('" + c + "', '" + database + "', '" + table + "', cityHash64(source_id))");
    }

    /** The groupings of the rollup table, and the aggregate column each groups by. */
    public enum Grouping {
        SITE("site_id"), CUSTOMER("customer_id");

        private final String column;

        Grouping(String column) {
            this.column = column;
        }

        /** The value of the rollup table's {@code grouping} column. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The partitions' span: the aggregate and rollup tables are partitioned by hour, and backfills go hour by hour. */
    public static final long HOUR_MILLIS = 3_600_000L;
    /** A UTC day: the longest span of source totals. */
    public static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    /**
     * The rollup table's source totals: one row per source and span (its {@code window_start} is the span's start,
     * {@code group_id} the source), with the span's events and error events and, in {@code source_count}, the number of
     * its windows (the aggregate rows it adds up, as for a site's row); {@code sources} is empty. A window counts in the
     * span its start falls in. Three lengths, each nested in the next: ten minutes, added up from the windows; an hour,
     * from its six ten-minute spans; a UTC day, from its 24 hours. Top-N over a range reads the longest spans that fit
     * in it and the windows only at its edges ({@link #cover}): a day of 17,000 sources is 17,000 rows, not 24 million
     * windows or 2.4 million ten-minute spans.
     */
    public enum SourceTotals {
        /** Ten one-minute windows: a refresh after a write recomputes ten windows per source. */
        TEN_MINUTES("source", 10 * 60_000L),
        HOUR("source_hour", HOUR_MILLIS),
        DAY("source_day", DAY_MILLIS);

        private final String key;
        private final long spanMillis;

        SourceTotals(String key, long spanMillis) {
            this.key = key;
            this.spanMillis = spanMillis;
        }

        /** The value of the rollup table's {@code grouping} column. */
        public String key() {
            return key;
        }

        public long spanMillis() {
            return spanMillis;
        }

        /** The start of the span holding the window that starts at {@code windowStartMillis}. */
        public long spanStart(long windowStartMillis) {
            return Math.floorDiv(windowStartMillis, spanMillis) * spanMillis;
        }

        /** The totals this one adds up: the next shorter span; none for the shortest, which adds up windows. */
        Optional<SourceTotals> addedUpFrom() {
            return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
        }

        /**
         * How the window starts in [{@code fromMillis}, {@code toMillis}) are read: the whole spans of the longest
         * length that fit, then, on either side of them, those of the next length, and so on; what no span fits is
         * read as windows. So a range reads at most one run of spans of the longest length that fits and two of each
         * shorter one.
         */
        public static Cover cover(long fromMillis, long toMillis) {
            Map<SourceTotals, List<StartRange>> spans = new EnumMap<>(SourceTotals.class);
            List<StartRange> windows = new ArrayList<>();
            cover(values().length - 1, fromMillis, toMillis, spans, windows);
            return new Cover(spans, windows);
        }

        private static void cover(int length, long fromMillis, long toMillis, Map<SourceTotals, List<StartRange>> spans,
                                  List<StartRange> windows) {
            if (fromMillis >= toMillis) {
                return;
            }
            if (length < 0) {
                windows.add(new StartRange(fromMillis, toMillis));
                return;
            }
            SourceTotals totals = values()[length];
            long firstSpan = totals.spanStart(fromMillis + totals.spanMillis - 1);
            long spansEnd = totals.spanStart(toMillis);
            if (firstSpan >= spansEnd) {
                cover(length - 1, fromMillis, toMillis, spans, windows);
                return;
            }
            cover(length - 1, fromMillis, firstSpan, spans, windows);
            spans.computeIfAbsent(totals, t -> new ArrayList<>()).add(new StartRange(firstSpan, spansEnd));
            cover(length - 1, spansEnd, toMillis, spans, windows);
        }
    }

    /** Window starts in [{@code fromMillis}, {@code toMillis}). */
    public record StartRange(long fromMillis, long toMillis) {
        public StartRange {
            if (fromMillis >= toMillis) {
                throw new IllegalArgumentException("an empty range of window starts: [" + fromMillis + ", " + toMillis + ")");
            }
        }
    }

    /** A range of window starts as spans of source totals, by length, and windows: {@link SourceTotals#cover}. */
    public record Cover(Map<SourceTotals, List<StartRange>> spans, List<StartRange> windows) {
        public Cover {
            Map<SourceTotals, List<StartRange>> copy = new EnumMap<>(SourceTotals.class);
            spans.forEach((totals, ranges) -> copy.put(totals, List.copyOf(ranges)));
            spans = Collections.unmodifiableMap(copy);
            windows = List.copyOf(windows);
        }
    }

    /**
     * A refresh names up to this many sources: about 90 KB of SQL, below the engine's 256 KiB limit on a statement
     * ({@code max_query_size}), as a {@link SourceId} is 14 characters. As many as the Flink sink writes at once, so
     * its write of 5,000 aggregates is recomputed in one statement per span length. Each statement's rows become a
     * part of the rollup table, and a partition as small in bytes as the rollup table's current hour is merged whole
     * once a few parts have come: with 1,000 a statement, such a write made 16 parts instead of 4, and ten windows
     * written as the job writes them took twice the merges (194 against 95, 7.6 million rows merged against 4.0) and
     * 3.7 s a window against 2.1-2.5.
     */
    public static final int MAX_LISTED_SOURCES = 5_000;

    /** The rollup rows with events: a site's or customer's empty row says it left the window (a refresh writes it). */
    public static final String HAS_EVENTS = "event_count > 0";

    private static final String ROLLUP_COLUMNS =
            " (grouping, window_start, group_id, event_count, status_error, source_count, sources, computed_at)\n";
    /**
     * Settings for reading FINAL: per partition (a (source, window) key never spans two, so nothing is merged across
     * them). The refreshes here and the queries share them.
     */
    public static final String FINAL_PER_PARTITION = "SETTINGS do_not_merge_across_partitions_select_final = 1";
    /** {@link #FINAL_PER_PARTITION}, with the filters on sorting-key columns applied before FINAL. */
    public static final String FINAL_PER_PARTITION_FILTER_FIRST =
            FINAL_PER_PARTITION + ", optimize_move_to_prewhere_if_final = 1";

    /** {@code database.<name>_rollup}: the rollup table (each shard's own in cluster mode). */
    public String localRollupTable() {
        return database + "." + rollupTableName();
    }

    /** The rollup table queries read and the refresh writes: the Distributed one in cluster mode. */
    public String queryRollupTable() {
        return cluster.isPresent() ? database + "." + distributedName(rollupTableName()) : localRollupTable();
    }

    /** {@code sensors_local} → {@code sensors_rollup_local}; another name gets {@code _rollup}. */
    String rollupTableName() {
        return derivedTableName("rollup");
    }

    /** {@code sensors_local} → {@code sensors_recent_local}; another name gets {@code _recent}. */
    String recentTableName() {
        return derivedTableName("recent");
    }

    /** {@code sensors_local} → {@code sensors_<kind>_local}; another name gets {@code _<kind>}. */
    private String derivedTableName(String kind) {
        return table.endsWith("_local") ? table.substring(0, table.length() - "_local".length()) + "_" + kind + "_local"
                : table + "_" + kind;
    }

    /**
     * One row per (grouping, window, group): the window's events, error events, number of sources and their
     * numbers (which an hour's rows unite, so a source seen in several windows counts once). A
     * ReplacingMergeTree by the time the row was computed: a later computation saw every write an earlier one
     * saw. Partitioned by hour like the aggregate table, so the TTL drops a window from both at once.
     */
    public String createRollupTable() {
        return "CREATE TABLE IF NOT EXISTS " + localRollupTable() + onCluster() + "\n(\n"
                + "    grouping LowCardinality(String),\n"
                + "    window_start " + TIME + " CODEC(DoubleDelta, ZSTD(1)),\n"
                + "    group_id " + ID + ",\n"
                + "    event_count UInt64 CODEC(T64, ZSTD(1)),\n"
                + "    status_error UInt64 CODEC(T64, ZSTD(1)),\n"
                + "    source_count UInt32 CODEC(T64, ZSTD(1)),\n"
                + "    sources Array(UInt32) CODEC(ZSTD(1)),\n"
                + "    computed_at " + TIME + " CODEC(Delta, ZSTD(1)),\n"
                + "    " + rollupSourceIndexColumn() + "\n"
                + ")\n"
                + "ENGINE = " + engine("ReplacingMergeTree", rollupTableName(), "computed_at") + "\n"
                + "PARTITION BY toStartOfHour(window_start)\n"
                + "ORDER BY (grouping, window_start, group_id)\n"
                + "TTL toDateTime(window_start) + INTERVAL " + ttlDays + " DAY DELETE\n"
                + "SETTINGS index_granularity = 8192, " + MERGE_SETTINGS;
    }

    /** Cluster mode only: the Distributed rollup table, sharded by group so a group's versions meet on one shard. */
    public Optional<String> createDistributedRollupTable() {
        return cluster.map(c -> "CREATE TABLE IF NOT EXISTS " + queryRollupTable() + onCluster() + " AS " + localRollupTable()
                + "\nENGINE = Distributed('" + c + "', '" + database + "', '" + rollupTableName() + "', cityHash64(group_id))");
    }

    /**
     * How long the recent rows table keeps a window: long enough for the newest window of a running pipeline, and
     * of one stopped a little while; older answers come from the aggregate table.
     */
    public static final int RECENT_HOURS = 2;

    /** How far the engine's clock may be ahead of this JVM's, for {@link #recentWindowsFrom}. */
    private static final long CLOCK_DIFFERENCE_ALLOWED_MILLIS = 10 * 60_000L;

    /**
     * The first window start the recent rows table surely holds every row of at {@code nowMillis}: its TTL drops a part
     * only once every window in it started {@link #RECENT_HOURS} hours ago by the engine's clock, which may be a little
     * ahead of the caller's. Every row written goes there in the same insert (the view), and the migration that made
     * it filled it with the stored rows of those hours.
     */
    public static long recentWindowsFrom(long nowMillis) {
        return nowMillis - RECENT_HOURS * HOUR_MILLIS + CLOCK_DIFFERENCE_ALLOWED_MILLIS;
    }

    /**
     * {@link SourceId#index()}, stored beside the id in the rollup table's source totals and in the recent rows table:
     * top-N groups by it, and the id is made again from it.
     */
    public static final String SOURCE_INDEX = "source_index";

    /** Rows per granule of the recent rows table, and per block its reads of a few rows ask for. */
    public static final int RECENT_READ_BLOCK_ROWS = 256;

    /** {@code database.<name>_recent_local}: the recent rows table (each shard's own in cluster mode). */
    public String localRecentTable() {
        return database + "." + recentTableName();
    }

    /** The recent rows table queries read: the Distributed one in cluster mode. */
    public String queryRecentTable() {
        return cluster.isPresent() ? database + "." + distributedName(recentTableName()) : localRecentTable();
    }

    /** The materialized view that fills the recent rows table from every insert into the aggregate table. */
    public String recentView() {
        return database + "." + derivedTableName("recent_view");
    }

    /**
     * The newest windows' rows again, each packed into one column ({@code row}: the values of
     * {@link #READ_BACK_COLUMNS} in RowBinary), sorted by window first, then by the source's index (which orders as
     * its id does, and merges a third faster in {@code FINAL}), in granules of 256 rows. The newest window's
     * first sources then lie in the first granule of each part, of four columns, where the aggregate table, sorted by
     * source first, spreads them over every granule of the hour and a row over 60 column files: ten rows there cost a
     * decompressed block per column and part. Read in blocks as small ({@link #RECENT_READ_BLOCK_ROWS}), the latest
     * version's merge stops after the first granules even while the window lies in the fresh parts of its inserts.
     * Kept {@link #RECENT_HOURS} hours; a ReplacingMergeTree by {@code written_at} like the aggregate table, so it
     * holds the same latest versions.
     */
    public String createRecentTable() {
        return "CREATE TABLE IF NOT EXISTS " + localRecentTable() + onCluster() + "\n(\n"
                + "    window_start " + TIME + " CODEC(DoubleDelta, ZSTD(1)),\n"
                + "    source_id " + ID + ",\n"
                + "    written_at " + TIME + " CODEC(Delta, ZSTD(1)),\n"
                + "    row String CODEC(ZSTD(1)),\n"
                + "    event_count " + COUNT + " CODEC(T64, ZSTD(1)),\n"
                // Sorted by window then index, a window's indexes only grow: deltas of 1.
                + "    " + SOURCE_INDEX + " UInt32 CODEC(Delta, ZSTD(1))\n"
                + ")\n"
                + "ENGINE = " + engine("ReplacingMergeTree", recentTableName(), "written_at") + "\n"
                + "PARTITION BY toStartOfHour(window_start)\n"
                + "ORDER BY (window_start, " + SOURCE_INDEX + ")\n"
                + "TTL toDateTime(window_start) + INTERVAL " + RECENT_HOURS + " HOUR DELETE\n"
                + "SETTINGS index_granularity = " + RECENT_READ_BLOCK_ROWS + ", merge_with_ttl_timeout = 1800, " + MERGE_SETTINGS;
    }

    /** Cluster mode only: the Distributed recent rows table (the view fills each shard's local one). */
    public Optional<String> createDistributedRecentTable() {
        return cluster.map(c -> "CREATE TABLE IF NOT EXISTS " + queryRecentTable() + onCluster() + " AS " + localRecentTable()
                + "\nENGINE = Distributed('" + c + "', '" + database + "', '" + recentTableName() + "', cityHash64(source_id))");
    }

    /**
     * Packs every row inserted into the aggregate table (each shard's own) into the recent rows table, in the same
     * insert. A change to {@link #READ_BACK_COLUMNS} needs a migration that recreates this view and empties that table.
     */
    public String createRecentView() {
        return "CREATE MATERIALIZED VIEW IF NOT EXISTS " + recentView() + onCluster() + " TO " + localRecentTable()
                + "\nAS SELECT " + recentColumnValues() + " FROM " + localTable();
    }

    /**
     * Packs the rows already stored that the recent rows table keeps (every version: it keeps the latest). In cluster
     * mode through both Distributed tables, which shard alike, so each shard gets its own rows.
     */
    public String fillRecentTable() {
        return "INSERT INTO " + queryRecentTable() + " (window_start, source_id, written_at, row, event_count, " + SOURCE_INDEX + ")\n"
                + "SELECT " + recentColumnValues() + " FROM " + queryTable()
                + "\nWHERE window_start >= now64(3) - INTERVAL " + RECENT_HOURS + " HOUR"
                + (cluster.isPresent() ? "\nSETTINGS " + ClickHouseTransport.FOREGROUND_INSERT_SETTING + " = 1" : "");
    }

    /**
     * The rows the recent rows table holds, latest versions, of {@code sources} in the windows starting at
     * {@code windowStartsMillis}: window start (epoch ms), source id and the packed row, which {@link RowEncoder#packed}
     * writes alike for a row in hand. One statement per {@link #MAX_LISTED_SOURCES} sources: a server refuses a query
     * past its size limit, and 17,000 ids are past the default. The window filter is on its sorting key, so before
     * FINAL: a window it holds no row of reads nothing. Window starts are written into the statement as numbers, source
     * ids as quoted literals (safe: a {@link SourceId} is {@code source-} and seven digits by construction).
     */
    public List<String> storedPackedRows(Collection<Long> windowStartsMillis, Collection<SourceId> sources) {
        if (windowStartsMillis.isEmpty() || sources.isEmpty()) {
            throw new IllegalArgumentException("the stored rows to compare a write with need its windows and its sources");
        }
        String windows = String.join(", ", windowStartsMillis.stream().sorted()
                .map(start -> "fromUnixTimestamp64Milli(" + start + ", 'UTC')").toList());
        return inListedPieces(sources).stream().map(listed -> "SELECT toUnixTimestamp64Milli(window_start) AS start,"
                + " source_id, row FROM " + queryRecentTable() + " FINAL\n"
                + "WHERE window_start IN (" + windows + ")\n"
                + "  AND source_id IN (" + String.join(", ", listed.stream().map(id -> "'" + id.value() + "'").toList()) + ")\n"
                + FINAL_PER_PARTITION_FILTER_FIRST).toList();
    }

    /** {@code sources} sorted, in pieces of at most {@link #MAX_LISTED_SOURCES}: the ids one statement names. */
    private static List<List<SourceId>> inListedPieces(Collection<SourceId> sources) {
        List<SourceId> sorted = sources.stream().sorted().distinct().toList();
        List<List<SourceId>> pieces = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += MAX_LISTED_SOURCES) {
            pieces.add(sorted.subList(from, Math.min(sorted.size(), from + MAX_LISTED_SOURCES)));
        }
        return pieces;
    }

    /** What the recent rows table holds of an aggregate row, by column name, in its column order. */
    private static String recentColumnValues() {
        return "window_start, source_id, written_at, formatRowNoNewline('RowBinary', " + READ_BACK_COLUMNS + ") AS row, event_count, "
                + sourceIndex("source_id") + " AS " + SOURCE_INDEX;
    }

    /**
     * Drops the recent rows table and its view, to be made again as {@link #createRecentTable} now makes it (migration
     * 8: the event counts and source indexes top-N reads, sorted by the index), then filled again
     * ({@link #fillRecentTable}). In cluster mode {@code SYNC}, as the replicated table made again takes the same path in
     * the keeper; not on chDB, where it waited forever on a fresh data directory (the name is free at once either way,
     * the files go later).
     */
    public List<String> dropRecentTable() {
        String sync = cluster.isPresent() ? " SYNC" : "";
        List<String> statements = new ArrayList<>();
        statements.add("DROP VIEW IF EXISTS " + recentView() + onCluster());
        cluster.ifPresent(c -> statements.add("DROP TABLE IF EXISTS " + queryRecentTable() + onCluster() + sync));
        statements.add("DROP TABLE IF EXISTS " + localRecentTable() + onCluster() + sync);
        return statements;
    }

    /**
     * The rollup table's {@link #SOURCE_INDEX} (migration 8): rows stored before get it from their ids, computed
     * as they are read until a mutation has written it, which this waits for.
     */
    public List<String> addSourceIndexToRollupTable() {
        List<String> statements = new ArrayList<>();
        statements.add("ALTER TABLE " + localRollupTable() + onCluster() + " ADD COLUMN IF NOT EXISTS " + rollupSourceIndexColumn());
        // With the default too: an insert through the Distributed table fills the columns it omits there.
        cluster.ifPresent(c -> statements.add("ALTER TABLE " + queryRollupTable() + onCluster() + " ADD COLUMN IF NOT EXISTS "
                + rollupSourceIndexColumn()));
        statements.add("ALTER TABLE " + localRollupTable() + onCluster() + " MATERIALIZE COLUMN " + SOURCE_INDEX
                + " SETTINGS mutations_sync = 2");
        return statements;
    }

    /**
     * The rollup table's source index: the source's for its totals ({@link SourceTotals}), 0 for the per-site and
     * per-customer rows. A default, so the refreshes need not name it.
     */
    private static String rollupSourceIndexColumn() {
        List<String> keys = new ArrayList<>();
        for (SourceTotals totals : SourceTotals.values()) {
            keys.add("'" + totals.key() + "'");
        }
        return SOURCE_INDEX + " UInt32 DEFAULT if(grouping IN (" + String.join(", ", keys) + "), " + sourceIndex("group_id")
                + ", 0) CODEC(Delta, ZSTD(1))";
    }

    /**
     * What the sink runs after writing {@code written}: recomputes the per-site and per-customer rows of their
     * windows ({@link #refreshWindowRollups}), once, and their sources' totals in the spans those windows fall in
     * ({@link #refreshSourceTotals}), shortest spans first as each adds up the one before, naming at most
     * {@link #MAX_LISTED_SOURCES} sources per statement: a write of a window's 5,000 aggregates recomputes that window
     * once, not once per insert.
     */
    public List<String> refreshRollups(Collection<WindowAggregate> written) {
        if (written.isEmpty()) {
            throw new IllegalArgumentException("a refresh after a write needs the rows written (the backfills take none)");
        }
        Set<Long> windowStarts = new HashSet<>();
        Set<SourceId> sources = new TreeSet<>();
        for (WindowAggregate row : written) {
            windowStarts.add(row.window().startMillis());
            sources.add(row.sourceId());
        }
        List<String> statements = new ArrayList<>();
        statements.add(refreshWindowRollups(windowStarts));
        for (List<SourceId> listed : inListedPieces(sources)) {
            for (SourceTotals totals : SourceTotals.values()) {
                statements.add(refreshSourceTotals(totals, windowStarts, listed));
            }
        }
        return List.copyOf(statements);
    }

    /**
     * Recomputes the rollups of the windows starting at {@code windowStartsMillis} whole: their window rollups and
     * every source's totals of the spans holding them, whatever rows a write brought. For rows a sink found stored as
     * they are, which an earlier write may have stored without recomputing (it stopped between the two).
     */
    public List<String> refreshWholeWindows(Collection<Long> windowStartsMillis) {
        List<String> statements = new ArrayList<>();
        statements.add(refreshWindowRollups(windowStartsMillis));
        for (SourceTotals totals : SourceTotals.values()) {
            statements.add(refreshSourceTotals(totals, windowStartsMillis, List.of()));
        }
        return List.copyOf(statements);
    }

    /**
     * Recomputes the rollup rows of the windows starting at {@code windowStartsMillis} (a backfill goes hour by hour
     * instead: {@link #refreshWindowRollupsOfHour}), from the latest version of every (source, window). The window filter goes before FINAL ({@code optimize_move_to_prewhere_if_final}): it is
     * on a sorting-key column, so it drops whole keys and the merge reads only those windows.
     *
     * <p>A later version of a source's window may name another site or customer, and the group it left may then have
     * no row left in the window to recompute. So every group stored for the windows also gets an empty row (no
     * events), one millisecond older than the recomputed rows: a group still in the window is replaced by its
     * recomputed row, a group that left it by the empty one, which the queries skip ({@link #HAS_EVENTS}).
     *
     * <p>The window starts are written into the statement as numbers: they are {@code long}s, never text.
     */
    public String refreshWindowRollups(Collection<Long> windowStartsMillis) {
        if (windowStartsMillis.isEmpty()) {
            throw new IllegalArgumentException("a rollup refresh needs the windows to recompute (a backfill goes hour by hour)");
        }
        return refreshWindowRollupsWhere("window_start IN (" + String.join(", ", windowStartsMillis.stream().sorted()
                .map(start -> "fromUnixTimestamp64Milli(" + start + ", 'UTC')").toList()) + ")");
    }

    /**
     * {@link #refreshWindowRollups} of every window starting in the hour that starts at {@code hourStartMillis}: a
     * backfill goes hour by hour, so no statement reads more than a partition (a server answers each well within the
     * client's timeout, and a stopped backfill has done whole hours).
     */
    public String refreshWindowRollupsOfHour(long hourStartMillis) {
        return refreshWindowRollupsWhere(hourFilter(hourStartMillis));
    }

    /** The ten-minute source totals of every source in the spans of the hour that starts at {@code hourStartMillis}. */
    public String refreshSourceTotalsOfHour(long hourStartMillis) {
        requireHourStart(hourStartMillis);
        List<Long> spans = new ArrayList<>();
        long span = SourceTotals.TEN_MINUTES.spanMillis();
        for (long start = hourStartMillis; start < hourStartMillis + HOUR_MILLIS; start += span) {
            spans.add(start);
        }
        return refreshSourceTotals(SourceTotals.TEN_MINUTES, spans, List.of());
    }

    private static void requireHourStart(long hourStartMillis) {
        if (Math.floorMod(hourStartMillis, HOUR_MILLIS) != 0) {
            throw new IllegalArgumentException(hourStartMillis + " is not the start of an hour");
        }
    }

    private static String hourFilter(long hourStartMillis) {
        requireHourStart(hourStartMillis);
        return windowStartsBetween(hourStartMillis, hourStartMillis + HOUR_MILLIS);
    }

    /** {@code window_start} in [{@code fromMillis}, {@code toMillis}), the bounds written as numbers. */
    private static String windowStartsBetween(long fromMillis, long toMillis) {
        return "window_start >= fromUnixTimestamp64Milli(" + fromMillis + ", 'UTC') AND window_start < fromUnixTimestamp64Milli("
                + toMillis + ", 'UTC')";
    }

    /** {@code windows}: a filter on {@code window_start} only (it goes before FINAL). */
    private String refreshWindowRollupsWhere(String windows) {
        StringBuilder groupings = new StringBuilder();
        List<String> groupingKeys = new ArrayList<>();
        for (Grouping grouping : Grouping.values()) {
            groupings.append(groupings.length() == 0 ? "" : ", ").append("('").append(grouping.key()).append("', ")
                    .append(grouping.column).append(')');
            groupingKeys.add("'" + grouping.key() + "'");
        }
        return "INSERT INTO " + queryRollupTable() + ROLLUP_COLUMNS
                + "SELECT g.1, window_start, g.2, sum(event_count), sum(status_error), count(),"
                + " groupArray(" + sourceIndex("source_id") + "), now64(3)\n"
                + "FROM " + queryTable() + " FINAL\n"
                + "ARRAY JOIN [" + groupings + "] AS g\nWHERE " + windows + "\n"
                + "GROUP BY g.1, window_start, g.2\n"
                + "UNION ALL\n"
                + "SELECT grouping, window_start, group_id, 0, 0, 0, emptyArrayUInt32(), now64(3) - toIntervalMillisecond(1)\n"
                + "FROM " + queryRollupTable() + " FINAL\n"
                + "WHERE grouping IN (" + String.join(", ", groupingKeys) + ") AND " + windows + "\n"
                + FINAL_PER_PARTITION_FILTER_FIRST + foregroundInsert();
    }

    /**
     * Recomputes the {@code totals} of {@code sources} in every span holding one of the windows starting at
     * {@code windowStartsMillis}: ten-minute spans from the latest version of every (source, window) in them, longer
     * ones from the latest version of the spans they are made of ({@link SourceTotals#addedUpFrom}), which must be
     * recomputed first. Whole spans, never increments. Empty means every span, or every source (a backfill takes every
     * source, hour by hour: {@link #refreshSourceTotalsOfHour}); more than {@link #MAX_LISTED_SOURCES} sources also
     * recompute every source of the spans, to keep the statement short. Every filter is on sorting-key columns, so
     * before FINAL, as in {@link #refreshWindowRollups}.
     *
     * <p>Spans are written into the statement as numbers; source ids as quoted literals, which is safe because a
     * {@link SourceId} is {@code source-} and seven digits by construction.
     */
    public String refreshSourceTotals(SourceTotals totals, Collection<Long> windowStartsMillis, Collection<SourceId> sources) {
        Optional<SourceTotals> parts = totals.addedUpFrom();
        String source = parts.isPresent() ? "group_id" : "source_id";
        List<String> filters = new ArrayList<>();
        parts.ifPresent(shorter -> filters.add("grouping = '" + shorter.key() + "'"));
        if (!windowStartsMillis.isEmpty()) {
            filters.add("(" + String.join(" OR ", windowStartsMillis.stream().map(totals::spanStart).distinct().sorted()
                    .map(span -> "(" + windowStartsBetween(span, span + totals.spanMillis()) + ")").toList()) + ")");
        }
        if (!sources.isEmpty() && sources.size() <= MAX_LISTED_SOURCES) {
            filters.add(source + " IN (" + String.join(", ", sources.stream().map(SourceId::value).sorted()
                    .map(id -> "'" + id + "'").toList()) + ")");
        }
        return "INSERT INTO " + queryRollupTable() + ROLLUP_COLUMNS
                + "SELECT '" + totals.key() + "', fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(window_start), "
                + totals.spanMillis() + ") * " + totals.spanMillis() + ", 'UTC') AS span, " + source + ","
                + " sum(event_count), sum(status_error), " + (parts.isPresent() ? "sum(source_count)" : "count()")
                + ", emptyArrayUInt32(), now64(3)\n"
                + "FROM " + (parts.isPresent() ? queryRollupTable() : queryTable()) + " FINAL"
                + (filters.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", filters)) + "\n"
                + "GROUP BY span, " + source + "\n"
                + FINAL_PER_PARTITION_FILTER_FIRST + foregroundInsert();
    }

    /**
     * In cluster mode the refresh writes through a Distributed table, whose inserts are queued and sent to the shards
     * later by default: the next refresh of the same window could then read before this one's rows arrived. (The
     * server transport's inserts of the aggregate rows set it too.)
     */
    private String foregroundInsert() {
        return cluster.isPresent() ? ", " + ClickHouseTransport.FOREGROUND_INSERT_SETTING + " = 1" : "";
    }

    /**
     * {@link SourceId#index()} of the id in {@code column} ({@code source-0000042} → 42), a plain UInt32 (not
     * LowCardinality). The sink stores validated ids only, so distinct numbers are distinct sources; hashing a
     * UInt32 costs a quarter to a third less than the string.
     */
    public static String sourceIndex(String column) {
        return "CAST(toUInt32(substring(" + column + ", " + (SourceId.PREFIX.length() + 1) + ")) AS UInt32)";
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
