package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.schema.RowEncoder;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.schema.SensorsSchema.Grouping;
import dev.brook.adapters.clickhouse.schema.SensorsSchema.SourceTotals;
import dev.brook.adapters.clickhouse.transport.BinaryTable;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.core.domain.aggregation.MetricStats;
import dev.brook.core.domain.aggregation.StatusCounts;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.query.ErrorRatePoint;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.MetricPoint;
import dev.brook.core.domain.port.out.query.Rollup;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;
import dev.brook.core.domain.time.TimeSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics queries. Each reads the latest version of every (source, window) — {@code FINAL} — so a
 * replayed window counts once: the per-source ones from the aggregate table, the newest rows from the recent rows
 * table its view fills (the last hours' rows packed by window; the aggregate table when it lacks the window), the
 * totals, rollups and error rates from the rollup table the sink keeps up to date (one row per window and site or
 * customer, the latest version likewise), top-N from the rollup table's source totals per ten minutes, hour and day
 * and, at the edges of its range, the recent rows table's windows (the aggregate table's when older). FINAL runs
 * per partition ({@code do_not_merge_across_partitions_select_final}): a (source, window) key always lands in one
 * partition, as the partition is a function of {@code window_start}, so nothing is merged across them and a
 * partition already merged to one part (every hour but the current one, in a running pipeline) is read as it is.
 * Filtering before FINAL ({@code optimize_move_to_prewhere_if_final}) halved the newest-window query but made
 * the per-source lookups four times slower when measured for every query, so only {@link #latest} and
 * {@link #topSources} use it.
 * Answers come in binary ({@link BinaryTable}): the widest is 102,000 rows. Inputs are bound as
 * {@code {name:Type}} parameters; the only text put into the SQL is the table name and, for a series,
 * the metric's column, both from validated settings and the {@link Metric} enum.
 */
public final class ClickHouseAggregateQueries implements AggregateQueries {

    private static final String IN_RANGE = between("from", "to");
    /** ClickHouse's default {@code max_block_size}, about. */
    private static final int DEFAULT_MAX_BLOCK_ROWS = 65_536;

    /** Rollup rows of one grouping in the range; bound with {@link #rollupRange}. */
    private static final String ROLLUP_IN_RANGE = " WHERE grouping = {grouping:String} AND " + IN_RANGE;
    /** {@link #ROLLUP_IN_RANGE}, without the rows of groups that left a window (applied after FINAL). */
    private static final String GROUP_ROWS_IN_RANGE = ROLLUP_IN_RANGE + " AND " + SensorsSchema.HAS_EVENTS;

    private final ClickHouseTransport transport;
    private final SensorsSchema schema;
    /** The rows as they are, every version. */
    private final String allVersions;
    /** The latest version of each (source, window). */
    private final String table;
    /** The latest version of each (source, window) of the last hours, packed one row per value, by window. */
    private final String recentRows;
    /** An answer to {@link SensorsSchema#READ_BACK_COLUMNS} without rows: how a packed row is read. Asked for once. */
    private volatile BinaryTable readBackLayout;
    /** The latest version of each (grouping, window, group). */
    private final String rollups;
    /** Which windows the recent rows table surely still holds: {@link SensorsSchema#recentWindowsFrom}. */
    private final TimeSource time;

    public ClickHouseAggregateQueries(ClickHouseTransport transport, SensorsSchema schema, TimeSource time) {
        this.transport = transport;
        this.schema = schema;
        this.time = time;
        this.allVersions = schema.queryTable();
        this.table = allVersions + " FINAL";
        this.rollups = schema.queryRollupTable() + " FINAL";
        this.recentRows = schema.queryRecentTable() + " FINAL";
    }

    private BinaryTable query(String sql, QueryParameters parameters) {
        return transport.queryBinary(sql + "\n" + SensorsSchema.FINAL_PER_PARTITION, parameters);
    }

    /**
     * For filters on sorting-key columns that pick windows ({@code window_start}, and {@code grouping} in the rollup
     * table): applied before FINAL, so the merge reads only the rows in those windows, not the whole partition. Safe
     * because every version of a key passes or fails alike; not for per-source lookups, which the key prefix already
     * narrows.
     */
    private BinaryTable queryFilteringBeforeFinal(String sql, QueryParameters parameters) {
        return transport.queryBinary(sql + "\n" + SensorsSchema.FINAL_PER_PARTITION_FILTER_FIRST, parameters);
    }

    /**
     * Each window's sources, added up over its per-site rollup rows: every (source, window) the sink wrote, once.
     * (The table itself answers the same through {@code sql}: {@code SELECT count() FROM <table> FINAL}.)
     */
    @Override
    public long countAggregates() {
        return query("SELECT sum(source_count) FROM " + rollups + " WHERE grouping = {grouping:String}",
                QueryParameters.builder().put("grouping", Grouping.SITE.key()).build()).singleLong();
    }

    /** Every window's events are in its per-site rollup rows: sites partition the sources. */
    @Override
    public long totalEvents(TimeRange range) {
        return query("SELECT sum(event_count) FROM " + rollups + ROLLUP_IN_RANGE,
                rollupRange(range, Grouping.SITE).build()).singleLong();
    }

    @Override
    public Optional<WindowAggregate> find(SourceId source, TimeWindow window) {
        BinaryTable answer = query("SELECT " + SensorsSchema.READ_BACK_COLUMNS + " FROM " + table
                + " WHERE source_id = {source:String} AND window_start = fromUnixTimestamp64Milli({start:Int64}, 'UTC')"
                + " AND window_end = fromUnixTimestamp64Milli({end:Int64}, 'UTC')",
                QueryParameters.builder().put("source", source.value()).put("start", window.startMillis())
                        .put("end", window.endMillis()).build());
        return answer.rowCount() == 0 ? Optional.empty() : Optional.of(toAggregate(answer, 0));
    }

    /**
     * Newest window first: when it holds {@code limit} rows they are the answer, read from the recent rows table, where
     * they lie together ({@link SensorsSchema#createRecentTable()}); if it has no longer kept that window, FINAL reads
     * that one window of the aggregate table instead. Otherwise the answer lies within the {@code limit} newest windows
     * (each holds at least one row), read from the aggregate table the same way.
     */
    @Override
    public List<WindowAggregate> latest(int limit) {
        requirePositive("limit", limit);
        String newestWindowStart = "(SELECT max(window_start) FROM " + allVersions + ")";
        Optional<List<WindowAggregate>> recent = recentRowsOfWindow(newestWindowStart, limit);
        if (recent.isPresent()) {
            return recent.get();
        }
        List<WindowAggregate> newestWindow = latestFrom(newestWindowStart, limit);
        if (newestWindow.size() == limit) {
            return newestWindow;
        }
        return latestFrom("(SELECT min(w) FROM (SELECT DISTINCT window_start AS w FROM " + allVersions
                + " ORDER BY w DESC LIMIT {limit:UInt32}))", limit);
    }

    /**
     * The first {@code limit} sources' rows of one window from the recent rows table, if it holds that many. It holds
     * every row of a window it keeps (the view packs each insert; expired windows leave whole), so a full answer is the
     * aggregate table's.
     */
    private Optional<List<WindowAggregate>> recentRowsOfWindow(String windowStart, int limit) {
        // Small blocks: the merge of the latest versions then reads the first granule of each part, not the whole part.
        BinaryTable packed = transport.queryBinary("SELECT row FROM " + recentRows + " WHERE window_start = " + windowStart
                + " ORDER BY " + SensorsSchema.SOURCE_INDEX + " LIMIT {limit:UInt32}\n" + SensorsSchema.FINAL_PER_PARTITION_FILTER_FIRST
                + ", max_block_size = "
                + Math.min(DEFAULT_MAX_BLOCK_ROWS, Math.max(SensorsSchema.RECENT_READ_BLOCK_ROWS, limit)),
                QueryParameters.builder().put("limit", limit).build());
        if (packed.rowCount() < limit) {
            return Optional.empty();
        }
        ByteArrayOutputStream rows = new ByteArrayOutputStream(packed.rowCount() * 512);
        for (int row = 0; row < packed.rowCount(); row++) {
            rows.writeBytes(packed.bytes(row, 0));
        }
        BinaryTable answer = readBackLayout().withRows(rows.toByteArray());
        if (answer.rowCount() != packed.rowCount()) {
            throw new IllegalStateException("the recent rows table " + schema.queryRecentTable() + " holds rows packed in"
                    + " another layout than this version reads (" + packed.rowCount() + " packed rows read as " + answer.rowCount()
                    + "): empty it with TRUNCATE TABLE " + schema.localRecentTable() + " and fill it again, as top-N reads its"
                    + " windows too: " + schema.fillRecentTable().replace('\n', ' '));
        }
        return Optional.of(rows(answer, ClickHouseAggregateQueries::toAggregate));
    }

    private BinaryTable readBackLayout() {
        BinaryTable layout = readBackLayout;
        if (layout == null) {
            layout = transport.queryBinary("SELECT " + SensorsSchema.READ_BACK_COLUMNS + " FROM " + allVersions + " LIMIT 0",
                    QueryParameters.none());
            readBackLayout = layout;
        }
        return layout;
    }

    private List<WindowAggregate> latestFrom(String firstWindowStart, int limit) {
        BinaryTable answer = queryFilteringBeforeFinal("SELECT " + SensorsSchema.READ_BACK_COLUMNS + " FROM " + table + " WHERE window_start >= " + firstWindowStart
                + " ORDER BY window_start DESC, source_id LIMIT {limit:UInt32}",
                QueryParameters.builder().put("limit", limit).build());
        return rows(answer, ClickHouseAggregateQueries::toAggregate);
    }

    /**
     * The source totals of the longest spans wholly inside the range, read from the rollup table, and the windows at
     * its edges that no span inside it holds ({@link SourceTotals#cover}): the last hour reads about a tenth of its
     * windows' rows, a day a 1,440th. Edge windows come from the recent rows table while it surely holds them, where
     * they lie together, and from the aggregate table, which spreads a window over the whole hour, when older. All
     * filter on sorting-key columns, so before FINAL, and group by the source's index, not its id: measured after new
     * windows, the edges took 16.7 ms at p50 this way against 37.6, the spans 20.0 against 28.3. Each of the three reads
     * adds up its rows per source before they are put together, so the last grouping takes a row per source and read
     * (34,000 over the hour less 3 minutes at each end), not every row read (306,000): with the newest ten windows written
     * again, 30.4-36.2 ms at p50 against 38.1-47.7.
     */
    @Override
    public List<SourceActivity> topSources(TimeRange range, int limit) {
        requirePositive("limit", limit);
        SensorsSchema.Cover cover = SourceTotals.cover(clampedFrom(range), clampedTo(range));
        QueryParameters.Builder parameters = QueryParameters.builder().put("limit", limit);
        List<String> spans = new ArrayList<>();
        cover.spans().forEach((totals, starts) -> {
            parameters.put(totals.key(), totals.key());
            spans.add("grouping = {" + totals.key() + ":String} AND " + startsIn(starts, totals.key(), parameters));
        });
        String index = SensorsSchema.SOURCE_INDEX;
        List<String> perSource = new ArrayList<>();
        if (!spans.isEmpty()) {
            perSource.add(totalsPerSource(index, "sum(source_count)", rollups, "(" + String.join(") OR (", spans) + ")"));
        }
        long recentFrom = SensorsSchema.recentWindowsFrom(time.currentTimeMillis());
        List<SensorsSchema.StartRange> older = new ArrayList<>();
        List<SensorsSchema.StartRange> recent = new ArrayList<>();
        for (SensorsSchema.StartRange edge : cover.windows()) {
            if (edge.toMillis() <= recentFrom) {
                older.add(edge);
            } else if (edge.fromMillis() >= recentFrom) {
                recent.add(edge);
            } else {
                older.add(new SensorsSchema.StartRange(edge.fromMillis(), recentFrom));
                recent.add(new SensorsSchema.StartRange(recentFrom, edge.toMillis()));
            }
        }
        if (!recent.isEmpty()) {
            perSource.add(totalsPerSource(index, "count()", recentRows, startsIn(recent, "recent", parameters)));
        }
        if (!older.isEmpty()) {
            perSource.add(totalsPerSource(SensorsSchema.sourceIndex("source_id") + " AS " + index, "count()", table,
                    startsIn(older, "windows", parameters)));
        }
        if (perSource.isEmpty()) {
            return List.of();
        }
        // A lone read is already one row per source: grouping it again cost 1.5-2 ms of 16-18.
        String totals = perSource.size() == 1 ? perSource.get(0) : "SELECT " + index + ", sum(events) AS events, sum(windows)"
                + " FROM (" + String.join("\nUNION ALL\n", perSource) + ")\nGROUP BY " + index;
        // Indexes order as the ids do: every id is the same prefix and seven digits.
        BinaryTable answer = queryFilteringBeforeFinal(totals + "\nORDER BY events DESC, " + index + " LIMIT {limit:UInt32}",
                parameters.build());
        return rows(answer, (t, r) -> new SourceActivity(SourceId.ofIndex(Math.toIntExact(t.longValue(r, 0))), t.longValue(r, 1),
                t.longValue(r, 2)));
    }

    /**
     * One of top-N's reads, added up per source: {@code events} and {@code windows} (the {@code windowCount} expression)
     * by {@link SensorsSchema#SOURCE_INDEX}, which {@code index} selects.
     */
    private static String totalsPerSource(String index, String windowCount, String from, String where) {
        return "SELECT " + index + ", sum(event_count) AS events, " + windowCount + " AS windows FROM " + from + " WHERE " + where
                + " GROUP BY " + SensorsSchema.SOURCE_INDEX;
    }

    /** {@code window_start} in any of {@code ranges}, their bounds bound as {@code <name>_<i>_from} and {@code _to}. */
    private static String startsIn(List<SensorsSchema.StartRange> ranges, String name, QueryParameters.Builder parameters) {
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            String from = name + "_" + i + "_from";
            String to = name + "_" + i + "_to";
            parameters.put(from, ranges.get(i).fromMillis()).put(to, ranges.get(i).toMillis());
            filters.add(between(from, to));
        }
        return "(" + String.join(" OR ", filters) + ")";
    }

    /** {@code window_start} in [{@code from}, {@code to}), both bound parameters in epoch ms. */
    private static String between(String from, String to) {
        return "(window_start >= fromUnixTimestamp64Milli({" + from + ":Int64}, 'UTC') AND window_start < fromUnixTimestamp64Milli({"
                + to + ":Int64}, 'UTC'))";
    }

    @Override
    public List<Rollup> rollupBySite(TimeRange range, Granularity granularity) {
        return rollup(Grouping.SITE, range, granularity);
    }

    @Override
    public List<Rollup> rollupByCustomer(TimeRange range, Granularity granularity) {
        return rollup(Grouping.CUSTOMER, range, granularity);
    }

    /**
     * From the rollup table. A minute bucket over the spec's one-minute windows holds one window, so each
     * (bucket, group) is one rollup row: read first in the table's order, with no aggregation, which on the
     * 102,000 rows of an hour per customer and minute is a tenth of the cost. Only if a window starts inside its
     * bucket rather than at its start (windows shorter than a minute, or offset from it) are the bucket's windows added
     * up and the distinct sources of their lists counted, so a source seen in several windows counts once: as every
     * hour bucket is, where a window of an hour or more is the rare case, which that read also answers right.
     */
    private List<Rollup> rollup(Grouping grouping, TimeRange range, Granularity granularity) {
        QueryParameters parameters = rollupRange(range, grouping).put("bucket_ms", granularity.millis()).build();
        if (granularity == Granularity.MINUTE) {
            BinaryTable windowRows = query("SELECT toUnixTimestamp64Milli(window_start) AS bucket, group_id, event_count,"
                    + " source_count, status_error FROM " + rollups + GROUP_ROWS_IN_RANGE + " ORDER BY window_start, group_id",
                    parameters);
            if (everyWindowStartsItsBucket(windowRows, granularity)) {
                return rollups(windowRows);
            }
        }
        return rollups(query("SELECT " + bucket() + " AS bucket, group_id, sum(event_count), uniqExactArray(sources),"
                + " sum(status_error) FROM " + rollups + GROUP_ROWS_IN_RANGE + " GROUP BY bucket, group_id"
                + " ORDER BY bucket, group_id", parameters));
    }

    private static List<Rollup> rollups(BinaryTable answer) {
        return rows(answer, (t, r) -> new Rollup(t.longValue(r, 0), t.text(r, 1), t.longValue(r, 2), t.longValue(r, 3),
                t.longValue(r, 4)));
    }

    /**
     * Whether every row's window (its start in column 0) starts at its bucket's start. Then a bucket holds one window
     * start, so each group once (the rollup table keeps one row per window and group), and rows sorted by window and
     * group are the aggregating read's answer in its order. Checked on the numbers: on the 102,000 rows of an hour per
     * customer and minute that took 0.5 ms at p50, against 2.1 to compare the group ids of consecutive rows.
     */
    private static boolean everyWindowStartsItsBucket(BinaryTable rows, Granularity granularity) {
        for (int row = 0; row < rows.rowCount(); row++) {
            long windowStart = rows.longValue(row, 0);
            if (granularity.bucketStart(windowStart) != windowStart) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<MetricPoint> series(SourceId source, Metric metric, TimeRange range) {
        String column = metric.column();
        BinaryTable answer = query("SELECT toUnixTimestamp64Milli(window_start), " + column + "_min, " + column + "_avg, "
                + column + "_max, event_count FROM " + table + " WHERE source_id = {source:String} AND " + IN_RANGE
                + " ORDER BY window_start",
                range(range).put("source", source.value()).build());
        return rows(answer, (t, r) -> new MetricPoint(t.longValue(r, 0), t.doubleValue(r, 1), t.doubleValue(r, 2),
                t.doubleValue(r, 3), t.longValue(r, 4)));
    }

    @Override
    public List<ErrorRatePoint> errorRate(TimeRange range, Granularity granularity) {
        BinaryTable answer = query("SELECT " + bucket() + " AS bucket, sum(event_count), sum(status_error) FROM "
                + rollups + ROLLUP_IN_RANGE + " GROUP BY bucket ORDER BY bucket",
                rollupRange(range, Grouping.SITE).put("bucket_ms", granularity.millis()).build());
        return rows(answer, (t, r) -> new ErrorRatePoint(t.longValue(r, 0), t.longValue(r, 1), t.longValue(r, 2)));
    }

    /** Bucket start in epoch ms, the same arithmetic as {@link Granularity#bucketStart(long)}. */
    private static String bucket() {
        return "intDiv(toUnixTimestamp64Milli(window_start), {bucket_ms:Int64}) * {bucket_ms:Int64}";
    }

    /** The range's bounds as {@code from} and {@code to}. */
    private static QueryParameters.Builder range(TimeRange range) {
        return QueryParameters.builder().put("from", clampedFrom(range)).put("to", clampedTo(range));
    }

    /** The range's end clamped to the last instant the table can hold ({@link TimeRange#all()} has none). */
    private static long clampedTo(TimeRange range) {
        return Math.min(range.toMillis(), RowEncoder.MAX_STORABLE_MILLIS + 1);
    }

    private static long clampedFrom(TimeRange range) {
        return Math.min(range.fromMillis(), clampedTo(range));
    }

    private static QueryParameters.Builder rollupRange(TimeRange range, Grouping grouping) {
        return range(range).put("grouping", grouping.key());
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " " + value + " must be ≥ 1");
        }
    }

    /** Each row of the answer, read by {@code reader} from its values. */
    private static <T> List<T> rows(BinaryTable answer, RowReader<T> reader) {
        List<T> rows = new ArrayList<>(answer.rowCount());
        for (int row = 0; row < answer.rowCount(); row++) {
            rows.add(reader.read(answer, row));
        }
        return List.copyOf(rows);
    }

    private interface RowReader<T> {
        T read(BinaryTable answer, int row);
    }

    /** A row of {@link SensorsSchema#READ_BACK_COLUMNS}; the sum comes back as avg × count (the table keeps the average). */
    private static WindowAggregate toAggregate(BinaryTable t, int r) {
        long eventCount = t.longValue(r, 6);
        Map<Metric, MetricStats> stats = new EnumMap<>(Metric.class);
        int i = 7;
        for (Metric metric : Metric.all()) {
            double min = t.doubleValue(r, i++);
            double max = t.doubleValue(r, i++);
            double avg = t.doubleValue(r, i++);
            stats.put(metric, new MetricStats(min, max, avg * eventCount));
        }
        StatusCounts statuses = new StatusCounts(t.longValue(r, i++), t.longValue(r, i++), t.longValue(r, i++),
                t.longValue(r, i++));
        long motion = t.longValue(r, i++);
        long first = t.longValue(r, i++);
        long last = t.longValue(r, i);
        return new WindowAggregate(new SourceId(t.text(r, 0)), new TimeWindow(t.longValue(r, 1), t.longValue(r, 2)),
                t.text(r, 3), t.text(r, 4), t.text(r, 5), eventCount, stats, statuses, motion, first, last);
    }
}
