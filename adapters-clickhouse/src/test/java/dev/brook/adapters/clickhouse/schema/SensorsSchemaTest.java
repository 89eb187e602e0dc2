package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.schema.SensorsSchema.SourceTotals;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.contract.KnownAggregates;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensorsSchemaTest {

    private final SensorsSchema single = new SensorsSchema("benchmark", "sensors_local", 30, Optional.empty());
    private final SensorsSchema clustered = new SensorsSchema("benchmark", "sensors_local", 7, Optional.of("brook"));

    @Test
    void theTableHasTheFixedColumnNamesAndEveryMetric() {
        String ddl = single.createTable();

        for (String column : new String[] {"window_start", "window_end", "source_id", "customer_id", "site_id", "event_count",
                "temperature_avg", "battery_level_min", "bytes_received_max", "status_error", "written_at"}) {
            assertThat(ddl).contains("    " + column + " ");
        }
        for (Metric metric : Metric.all()) {
            assertThat(ddl).contains(metric.column() + "_min Float64", metric.column() + "_max Float64", metric.column() + "_avg Float64");
        }
        assertThat(SensorsSchema.columns().stream().map(SensorsSchema.Column::name)).hasSize(7 + 3 * Metric.count() + 8).doesNotHaveDuplicates();
    }

    @Test
    void aSingleNodeTableIsAReplacingMergeTreeWithTtl() {
        String ddl = single.createTable();

        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS benchmark.sensors_local\n")
                .contains("ENGINE = ReplacingMergeTree(written_at)")
                .contains("ORDER BY (source_id, window_start)")
                .contains("PARTITION BY toStartOfHour(window_start)")
                .contains("min_age_to_force_merge_seconds = " + SensorsSchema.FORCE_MERGE_AFTER_SECONDS)
                .contains("min_age_to_force_merge_on_partition_only = 1", "ttl_only_drop_parts = 1")
                .contains("TTL toDateTime(window_start) + INTERVAL 30 DAY DELETE")
                .doesNotContain("ON CLUSTER");
        assertThat(single.createDistributedTable()).isEmpty();
        assertThat(single.queryTable()).isEqualTo("benchmark.sensors_local");
    }

    /** Sorted by window first, one packed column, kept a few hours; the view packs what the aggregate table takes. */
    @Test
    void theRecentRowsTableHoldsThePackedRowsByWindowAndTheViewFillsIt() {
        assertThat(single.createRecentTable()).startsWith("CREATE TABLE IF NOT EXISTS benchmark.sensors_recent_local\n")
                .contains("row String", "ENGINE = ReplacingMergeTree(written_at)", "ORDER BY (window_start, source_index)",
                        "PARTITION BY toStartOfHour(window_start)",
                        "TTL toDateTime(window_start) + INTERVAL " + SensorsSchema.RECENT_HOURS + " HOUR DELETE",
                        "ttl_only_drop_parts = 1")
                .doesNotContain("ON CLUSTER");
        assertThat(single.createRecentTable()).contains("event_count UInt32", "source_index UInt32");
        assertThat(single.createRecentView()).isEqualTo("CREATE MATERIALIZED VIEW IF NOT EXISTS benchmark.sensors_recent_view_local"
                + " TO benchmark.sensors_recent_local\nAS SELECT window_start, source_id, written_at, formatRowNoNewline('RowBinary', "
                + SensorsSchema.READ_BACK_COLUMNS + ") AS row, event_count, CAST(toUInt32(substring(source_id, 8)) AS UInt32) AS source_index"
                + " FROM benchmark.sensors_local");
        assertThat(single.fillRecentTable()).startsWith("INSERT INTO benchmark.sensors_recent_local (window_start, source_id, written_at, row,"
                        + " event_count, source_index)")
                .contains("FROM benchmark.sensors_local\nWHERE window_start >= now64(3) - INTERVAL " + SensorsSchema.RECENT_HOURS + " HOUR");
        assertThat(single.queryRecentTable()).isEqualTo("benchmark.sensors_recent_local");
        assertThat(single.createDistributedRecentTable()).isEmpty();

        assertThat(clustered.createRecentTable()).startsWith("CREATE TABLE IF NOT EXISTS benchmark.sensors_recent_local ON CLUSTER 'brook'\n")
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/benchmark/sensors_recent_local', '{replica}', written_at)");
        assertThat(clustered.createRecentView()).contains("ON CLUSTER 'brook' TO benchmark.sensors_recent_local")
                .endsWith("FROM benchmark.sensors_local");
        assertThat(clustered.queryRecentTable()).isEqualTo("benchmark.sensors_recent");
        assertThat(clustered.fillRecentTable()).startsWith("INSERT INTO benchmark.sensors_recent (")
                .contains("FROM benchmark.sensors\nWHERE").endsWith("SETTINGS distributed_foreground_insert = 1");
        assertThat(single.fillRecentTable()).doesNotContain("SETTINGS");
        assertThat(clustered.createDistributedRecentTable()).contains("CREATE TABLE IF NOT EXISTS benchmark.sensors_recent ON CLUSTER 'brook'"
                + " AS benchmark.sensors_recent_local\nENGINE = Distributed('brook', 'benchmark', 'sensors_recent_local', cityHash64(source_id))");
    }

    /**
     * Migration 8: the rollup table gets the source index as a default its old rows are computed by; the recent rows
     * table is made again, with its view.
     */
    @Test
    void migrationEightAddsTheSourceIndexAndTheRecentEventCounts() {
        assertThat(single.createRollupTable()).contains("source_index UInt32 DEFAULT if(grouping IN ('source', 'source_hour', 'source_day'),"
                + " CAST(toUInt32(substring(group_id, 8)) AS UInt32), 0)");
        assertThat(single.addSourceIndexToRollupTable()).containsExactly(
                "ALTER TABLE benchmark.sensors_rollup_local ADD COLUMN IF NOT EXISTS source_index UInt32 DEFAULT if(grouping IN ('source',"
                        + " 'source_hour', 'source_day'), CAST(toUInt32(substring(group_id, 8)) AS UInt32), 0) CODEC(Delta, ZSTD(1))",
                "ALTER TABLE benchmark.sensors_rollup_local MATERIALIZE COLUMN source_index SETTINGS mutations_sync = 2");
        assertThat(clustered.addSourceIndexToRollupTable()).hasSize(3).allSatisfy(sql -> assertThat(sql).contains(" ON CLUSTER 'brook' "))
                .anySatisfy(sql -> assertThat(sql).startsWith("ALTER TABLE benchmark.sensors_rollup ON CLUSTER 'brook' ADD COLUMN IF NOT EXISTS"
                        + " source_index UInt32 DEFAULT if("));

        assertThat(single.dropRecentTable()).containsExactly("DROP VIEW IF EXISTS benchmark.sensors_recent_view_local",
                "DROP TABLE IF EXISTS benchmark.sensors_recent_local");
        assertThat(clustered.dropRecentTable()).containsExactly("DROP VIEW IF EXISTS benchmark.sensors_recent_view_local ON CLUSTER 'brook'",
                "DROP TABLE IF EXISTS benchmark.sensors_recent ON CLUSTER 'brook' SYNC",
                "DROP TABLE IF EXISTS benchmark.sensors_recent_local ON CLUSTER 'brook' SYNC");
    }

    /** What a row is read back by names every stored column but the version: the window as its start and end. */
    @Test
    void aRowIsReadBackByEveryStoredColumnButItsVersion() {
        List<String> readBack = List.of(SensorsSchema.READ_BACK_COLUMNS.split(", "));
        List<String> stored = SensorsSchema.columns().stream().map(SensorsSchema.Column::name).filter(name -> !name.equals("written_at"))
                .toList();

        assertThat(readBack).hasSameSizeAs(stored).doesNotHaveDuplicates();
        for (String column : stored) {
            assertThat(readBack).as(column).anyMatch(expression -> expression.equals(column) || expression.contains("(" + column + ")"));
        }
    }

    @Test
    void aClusterRefreshesTheRollupsInTheForegroundSoTheNextRefreshReadsThem() {
        Set<Long> windows = Set.of(1_767_225_600_000L);
        for (String refresh : List.of(clustered.refreshWindowRollups(windows), clustered.refreshSourceTotals(SourceTotals.DAY, windows, List.of()))) {
            assertThat(refresh).startsWith("INSERT INTO benchmark.sensors_rollup ").endsWith(", distributed_foreground_insert = 1");
        }
        assertThat(single.refreshWindowRollups(windows)).doesNotContain("distributed_foreground_insert");
    }

    @Test
    void aClusterGetsReplicatedTablesAndADistributedOneToQuery() {
        assertThat(clustered.createTable())
                .startsWith("CREATE TABLE IF NOT EXISTS benchmark.sensors_local ON CLUSTER 'brook'\n")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/benchmark/sensors_local', '{replica}', written_at)")
                .contains("INTERVAL 7 DAY");
        assertThat(clustered.createDistributedTable()).contains("CREATE TABLE IF NOT EXISTS benchmark.sensors ON CLUSTER 'brook' "
                + "AS benchmark.sensors_local\nENGINE = Distributed('brook', 'benchmark', 'sensors_local', cityHash64(source_id))");
        assertThat(clustered.queryTable()).isEqualTo("benchmark.sensors");
        assertThat(clustered.writeTable()).isEqualTo("benchmark.sensors");
        assertThat(clustered.createDatabase()).isEqualTo("CREATE DATABASE IF NOT EXISTS benchmark ON CLUSTER 'brook'");
        assertThat(clustered.createMigrationsTable()).contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/benchmark/schema_migrations'");
    }

    @Test
    void theMetricCodecsChangeByAlteringEveryMetricColumnAndNothingElse() {
        String alter = clustered.alterMetricCodecs();

        assertThat(alter).startsWith("ALTER TABLE benchmark.sensors_local ON CLUSTER 'brook'\n")
                .contains("MODIFY COLUMN temperature_min Float64 CODEC(ZSTD(3))", "MODIFY COLUMN bytes_received_avg Float64 CODEC(ZSTD(3))")
                .doesNotContain("event_count", "window_start");
        assertThat(alter.split("MODIFY COLUMN")).hasSize(1 + 3 * Metric.count());
        assertThat(single.createTable()).contains("temperature_avg Float64 CODEC(ZSTD(3))");
    }

    @Test
    void aTableNotEndingInLocalGetsAnAllSuffixForItsDistributedTable() {
        assertThat(new SensorsSchema("db", "aggregates", 30, Optional.of("c")).queryTable()).isEqualTo("db.aggregates_all");
    }

    /** Windows of 12:03, 12:07 and 12:15 lie in two spans: each recomputed once, for the sources written. */
    @Test
    void aRefreshRecomputesTheWindowRollupsAndTheSourceTotalsOfTheSpansAndSourcesWritten() {
        long noon = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        long minute = 60_000;
        // Two sources (source-0000000, source-0000037), sixteen windows from noon.
        List<WindowAggregate> known = KnownAggregates.of(2, 16, noon).aggregates();
        List<WindowAggregate> written = List.of(known.get(15 * 2 + 1), known.get(3 * 2), known.get(7 * 2 + 1));

        List<String> statements = single.refreshRollups(written);

        Set<Long> windows = Set.of(noon + 3 * minute, noon + 7 * minute, noon + 15 * minute);
        Set<SourceId> sources = Set.of(SourceId.ofIndex(0), SourceId.ofIndex(37));
        assertThat(statements).containsExactly(single.refreshWindowRollups(windows),
                single.refreshSourceTotals(SourceTotals.TEN_MINUTES, windows, sources),
                single.refreshSourceTotals(SourceTotals.HOUR, windows, sources),
                single.refreshSourceTotals(SourceTotals.DAY, windows, sources));
        assertThat(SourceTotals.TEN_MINUTES.spanStart(noon + 7 * minute)).isEqualTo(noon);
        assertThat(SourceTotals.TEN_MINUTES.spanStart(noon + 10 * minute)).isEqualTo(noon + 10 * minute);
        assertThat(statements.get(1))
                .contains("'source'", "GROUP BY span, source_id", "source_id IN ('source-0000000', 'source-0000037')")
                .contains("((window_start >= fromUnixTimestamp64Milli(" + noon + ", 'UTC') AND window_start < fromUnixTimestamp64Milli("
                        + (noon + 10 * minute) + ", 'UTC')) OR (window_start >= fromUnixTimestamp64Milli(" + (noon + 10 * minute)
                        + ", 'UTC') AND window_start < fromUnixTimestamp64Milli(" + (noon + 20 * minute) + ", 'UTC')))")
                .doesNotContain("fromUnixTimestamp64Milli(" + (noon + 20 * minute) + ", 'UTC')) OR");
        // Each longer span adds up the shorter spans' latest totals, of the sources written, in the one hour and day.
        assertThat(statements.get(2))
                .contains("SELECT 'source_hour', ", "sum(source_count)", "FROM benchmark.sensors_rollup_local FINAL",
                        "WHERE grouping = 'source' AND ((window_start >= fromUnixTimestamp64Milli(" + noon + ", 'UTC') AND window_start < "
                                + "fromUnixTimestamp64Milli(" + (noon + 60 * minute) + ", 'UTC'))) AND group_id IN ('source-0000000', 'source-0000037')",
                        "GROUP BY span, group_id");
        long midnight = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
        assertThat(statements.get(3)).contains("SELECT 'source_day', ", "WHERE grouping = 'source_hour' AND ((window_start >= "
                + "fromUnixTimestamp64Milli(" + midnight + ", 'UTC') AND window_start < fromUnixTimestamp64Milli("
                + (midnight + SensorsSchema.DAY_MILLIS) + ", 'UTC')))");
        assertThatThrownBy(() -> single.refreshRollups(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the rows written");
    }

    /** A write of more sources than one statement names recomputes their totals in groups, each source once. */
    @Test
    void aRefreshNamesTheWrittenSourcesInGroupsOfAtMostTheListedMaximum() {
        long noon = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        int sources = SensorsSchema.MAX_LISTED_SOURCES * 2 + 1;
        List<WindowAggregate> written = KnownAggregates.of(sources, 1, noon).aggregates();

        List<String> statements = single.refreshRollups(written);

        assertThat(statements).hasSize(1 + 3 * SourceTotals.values().length);
        assertThat(statements.get(0)).isEqualTo(single.refreshWindowRollups(Set.of(noon)));
        List<String> named = new ArrayList<>();
        for (String statement : statements.subList(1, statements.size())) {
            if (!statement.contains("SELECT 'source', ")) {
                continue;
            }
            Matcher ids = Pattern.compile("'(source-\\d{7})'").matcher(statement);
            List<String> inStatement = new ArrayList<>();
            while (ids.find()) {
                inStatement.add(ids.group(1));
            }
            assertThat(inStatement).hasSizeLessThanOrEqualTo(SensorsSchema.MAX_LISTED_SOURCES);
            assertThat(statement.getBytes(StandardCharsets.UTF_8).length).as("the engine's max_query_size").isLessThan(256 * 1024);
            named.addAll(inStatement);
        }
        assertThat(named).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(written.stream().map(row -> row.sourceId().value()).toList());
    }

    @Test
    void tooManySourcesToNameRecomputeWholeSpansAndTheBackfillEverything() {
        List<SourceId> many = IntStream.rangeClosed(0, SensorsSchema.MAX_LISTED_SOURCES).mapToObj(SourceId::ofIndex).toList();

        assertThat(single.refreshSourceTotals(SourceTotals.TEN_MINUTES, List.of(0L), many)).contains("WHERE ((window_start").doesNotContain("source_id IN");
        assertThat(single.refreshSourceTotals(SourceTotals.TEN_MINUTES, List.of(0L), many.subList(1, many.size()))).contains("source_id IN ('source-0000001'");
        assertThat(single.refreshSourceTotals(SourceTotals.TEN_MINUTES, List.of(), List.of())).doesNotContain("WHERE");
    }

    @Test
    void aBackfillReadsOneHourPerStatement() {
        long hour = 1_764_932_400_000L; // 2025-12-05T11:00Z

        assertThat(single.refreshWindowRollupsOfHour(hour))
                .contains("WHERE window_start >= fromUnixTimestamp64Milli(1764932400000, 'UTC') AND window_start < fromUnixTimestamp64Milli(1764936000000, 'UTC')\n")
                .contains("WHERE grouping IN ('site', 'customer') AND window_start >= fromUnixTimestamp64Milli(1764932400000, 'UTC')");
        assertThat(single.refreshSourceTotalsOfHour(hour)).isEqualTo(single.refreshSourceTotals(SourceTotals.TEN_MINUTES,
                List.of(hour, hour + 600_000, hour + 1_200_000, hour + 1_800_000, hour + 2_400_000, hour + 3_000_000), List.of()));
        assertThatThrownBy(() -> single.refreshWindowRollupsOfHour(hour + 60_000)).hasMessageContaining("is not the start of an hour");
        assertThatThrownBy(() -> single.refreshSourceTotalsOfHour(hour - 1)).hasMessageContaining("is not the start of an hour");
    }
    /** From 00:07 to 02:13 the next day: 23 whole hours and two more, six ten-minute spans, and six windows. */
    @Test
    void aRangeIsCoveredByTheLongestSpansThatFitAndWindowsOnlyAtItsEdges() {
        long day = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
        long minute = 60_000;
        long hour = SensorsSchema.HOUR_MILLIS;

        SensorsSchema.Cover cover = SourceTotals.cover(day + 7 * minute, day + 26 * hour + 13 * minute);

        assertThat(cover.spans()).containsOnlyKeys(SourceTotals.HOUR, SourceTotals.TEN_MINUTES);
        assertThat(cover.spans().get(SourceTotals.HOUR)).containsExactly(new SensorsSchema.StartRange(day + hour, day + 26 * hour));
        assertThat(cover.spans().get(SourceTotals.TEN_MINUTES)).containsExactly(
                new SensorsSchema.StartRange(day + 10 * minute, day + hour),
                new SensorsSchema.StartRange(day + 26 * hour, day + 26 * hour + 10 * minute));
        assertThat(cover.windows()).containsExactly(new SensorsSchema.StartRange(day + 7 * minute, day + 10 * minute),
                new SensorsSchema.StartRange(day + 26 * hour + 10 * minute, day + 26 * hour + 13 * minute));
        assertThat(SourceTotals.cover(day, day + 2 * SensorsSchema.DAY_MILLIS).spans())
                .isEqualTo(Map.of(SourceTotals.DAY, List.of(new SensorsSchema.StartRange(day, day + 2 * SensorsSchema.DAY_MILLIS))));
        assertThat(SourceTotals.cover(day + 3 * minute, day + 8 * minute).windows())
                .containsExactly(new SensorsSchema.StartRange(day + 3 * minute, day + 8 * minute));
        assertThat(SourceTotals.cover(day, day)).isEqualTo(new SensorsSchema.Cover(Map.of(), List.of()));
    }

    /** Whatever the range: its pieces follow one another from its start to its end, each span whole and aligned. */
    @Test
    void everyRangeIsCoveredExactlyOnce() {
        Random random = new Random(20261205);
        long day = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 10_000; i++) {
            long from = day + (long) (random.nextDouble() * 3 * SensorsSchema.DAY_MILLIS);
            long to = from + (long) (random.nextDouble() * (i % 2 == 0 ? 3 * SensorsSchema.HOUR_MILLIS : 3 * SensorsSchema.DAY_MILLIS));
            if (i % 3 == 0) {
                from -= Math.floorMod(from, 60_000);
                to -= Math.floorMod(to, 60_000);
            }
            SensorsSchema.Cover cover = SourceTotals.cover(from, to);

            List<SensorsSchema.StartRange> pieces = new ArrayList<>(cover.windows());
            cover.spans().forEach((totals, ranges) -> {
                for (SensorsSchema.StartRange range : ranges) {
                    assertThat(totals.spanStart(range.fromMillis())).as("%s %s", totals, range).isEqualTo(range.fromMillis());
                    assertThat(totals.spanStart(range.toMillis())).as("%s %s", totals, range).isEqualTo(range.toMillis());
                }
                pieces.addAll(ranges);
            });
            pieces.sort(Comparator.comparingLong(SensorsSchema.StartRange::fromMillis));
            long next = from;
            for (SensorsSchema.StartRange piece : pieces) {
                assertThat(piece.fromMillis()).as("[%d, %d)", from, to).isEqualTo(next);
                next = piece.toMillis();
            }
            assertThat(next).as("[%d, %d)", from, to).isEqualTo(to);
            assertThat(cover.spans().values().stream().mapToInt(List::size).sum() + cover.windows().size()).isLessThanOrEqualTo(7);
        }
    }
}
