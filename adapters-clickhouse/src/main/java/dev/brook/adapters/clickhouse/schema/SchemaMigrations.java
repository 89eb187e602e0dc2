package dev.brook.adapters.clickhouse.schema;

import dev.brook.adapters.clickhouse.schema.SensorsSchema.SourceTotals;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.TextTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Versioned schema changes, applied at start-up. Each applied version is recorded in
 * {@code <database>.schema_migrations}; a recorded version is never applied again, and every statement
 * is itself idempotent ({@code IF NOT EXISTS}, alterations to a fixed state), so starting twice — or two
 * processes starting at once — changes nothing.
 *
 * <p>Version 1 creates the table as {@link SensorsSchema#createTable()} defines it now, so a new table
 * already has what versions 2 and 3 bring to older tables; they are then no-ops on it. None of them rebuilds
 * a table: a rebuild is not idempotent, and sinks of a cluster job open the store, and migrate, at once.
 */
public final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /**
     * One version: its statements run in order, then its backfill: each of {@code perStoredHour}'s statements for
     * every hour from the first stored window's to the last's, so no statement reads more than one partition, and
     * each of {@code perStoredDay}'s for every UTC day holding such an hour, right after its last such hour.
     */
    public record Migration(int version, String description, List<String> statements, List<LongFunction<String>> perStoredHour,
                            List<LongFunction<String>> perStoredDay) {
        public Migration {
            if (version < 1 || description == null || description.isBlank() || statements == null || perStoredHour == null
                    || perStoredDay == null || statements.isEmpty() && perStoredHour.isEmpty() && perStoredDay.isEmpty()) {
                throw new IllegalArgumentException("migration " + version + " needs a version ≥ 1, a description and statements");
            }
            statements = List.copyOf(statements);
            perStoredHour = List.copyOf(perStoredHour);
            perStoredDay = List.copyOf(perStoredDay);
        }

        public Migration(int version, String description, List<String> statements, List<LongFunction<String>> perStoredHour) {
            this(version, description, statements, perStoredHour, List.of());
        }

        public Migration(int version, String description, List<String> statements) {
            this(version, description, statements, List.of());
        }
    }

    private final SensorsSchema schema;
    private final List<Migration> migrations;

    public SchemaMigrations(SensorsSchema schema) {
        this.schema = schema;
        this.migrations = List.of(
                new Migration(1, "window aggregate table " + schema.localTable(), statementsOfVersion1(schema)),
                new Migration(2, "metric columns of " + schema.localTable() + " compressed with ZSTD(3)",
                        List.of(schema.alterMetricCodecs())),
                new Migration(3, "finished partitions of " + schema.localTable() + " merged into one part",
                        List.of(schema.alterMergeSettings())),
                new Migration(4, "rollup table " + schema.localRollupTable() + " per site and customer, filled from "
                        + schema.localTable(), statementsOfVersion4(schema), List.of(schema::refreshWindowRollupsOfHour)),
                new Migration(5, "source totals per " + SourceTotals.TEN_MINUTES.spanMillis() / 60_000 + " minutes in "
                        + schema.localRollupTable() + ", filled from " + schema.localTable(),
                        List.of(), List.of(schema::refreshSourceTotalsOfHour)),
                new Migration(6, "recent rows table " + schema.localRecentTable() + " (the last " + SensorsSchema.RECENT_HOURS
                        + " hours' rows, packed, by window), filled from " + schema.localTable() + " by " + schema.recentView(),
                        statementsOfVersion6(schema)),
                new Migration(7, "source totals per hour and per day in " + schema.localRollupTable() + ", added up from those per "
                        + SourceTotals.TEN_MINUTES.spanMillis() / 60_000 + " minutes", List.of(),
                        List.of(hour -> schema.refreshSourceTotals(SourceTotals.HOUR, List.of(hour), List.of())),
                        List.of(day -> schema.refreshSourceTotals(SourceTotals.DAY, List.of(day), List.of()))),
                new Migration(8, "source indexes in " + schema.localRollupTable() + " and, with event counts, in "
                        + schema.localRecentTable() + ", for top-N", statementsOfVersion8(schema)));
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /** Applies what is not applied yet; returns the versions it applied (none when up to date). */
    public List<Integer> apply(ClickHouseTransport transport, long nowMillis) {
        transport.execute(schema.createDatabase());
        transport.execute(schema.createMigrationsTable());
        Set<Integer> applied = appliedVersions(transport);
        List<Integer> newlyApplied = new ArrayList<>();
        for (Migration migration : migrations) {
            if (applied.contains(migration.version())) {
                continue;
            }
            for (String statement : migration.statements()) {
                transport.execute(statement);
            }
            backfill(transport, migration);
            record(transport, migration, nowMillis);
            newlyApplied.add(migration.version());
            LOG.info("applied schema migration {} ({}) on {}", migration.version(), migration.description(), transport.describe());
        }
        return newlyApplied;
    }

    private void backfill(ClickHouseTransport transport, Migration migration) {
        if (migration.perStoredHour().isEmpty() && migration.perStoredDay().isEmpty()) {
            return;
        }
        // count, min and max come from the parts' metadata and indexes: no scan of the table.
        List<String> stored = transport.query("SELECT count(), toUnixTimestamp64Milli(min(window_start)), toUnixTimestamp64Milli(max(window_start)) FROM "
                + schema.queryTable(), QueryParameters.none()).rows().get(0);
        if (Long.parseLong(stored.get(0)) == 0) {
            return;
        }
        long firstHour = SourceTotals.HOUR.spanStart(Long.parseLong(stored.get(1)));
        long last = Long.parseLong(stored.get(2));
        int hours = 0;
        int days = 0;
        for (long hour = firstHour; hour <= last; hour += SensorsSchema.HOUR_MILLIS) {
            for (LongFunction<String> statement : migration.perStoredHour()) {
                transport.execute(statement.apply(hour));
            }
            hours++;
            long nextHour = hour + SensorsSchema.HOUR_MILLIS;
            if (SourceTotals.DAY.spanStart(nextHour) == nextHour || nextHour > last) {
                for (LongFunction<String> statement : migration.perStoredDay()) {
                    transport.execute(statement.apply(SourceTotals.DAY.spanStart(hour)));
                }
                days++;
            }
        }
        LOG.info("schema migration {} filled {} hours ({} days) of windows on {}", migration.version(), hours, days,
                transport.describe());
    }

    /** The versions recorded as applied. */
    public Set<Integer> appliedVersions(ClickHouseTransport transport) {
        TextTable answer = transport.query("SELECT DISTINCT version FROM " + schema.migrationsTable() + " ORDER BY version",
                QueryParameters.none());
        Set<Integer> versions = new HashSet<>();
        for (List<String> row : answer.rows()) {
            versions.add(Integer.parseInt(row.get(0)));
        }
        return versions;
    }

    private void record(ClickHouseTransport transport, Migration migration, long nowMillis) {
        byte[] row = SensorsSchema.batchOf(SensorsSchema.MIGRATION_COLUMNS, 256)
                .uint32(migration.version())
                .string(migration.description())
                .dateTime64Millis(nowMillis)
                .toByteArray();
        transport.insertRowBinary(schema.migrationsTable(), row, 1);
    }

    /** The table; its backfill then recomputes every window already stored, hour by hour (none on a new table). */
    private static List<String> statementsOfVersion4(SensorsSchema schema) {
        List<String> statements = new ArrayList<>();
        statements.add(schema.createRollupTable());
        schema.createDistributedRollupTable().ifPresent(statements::add);
        return statements;
    }

    /** The view first, then the backfill: a row written in between is packed twice, which the table's engine absorbs. */
    private static List<String> statementsOfVersion6(SensorsSchema schema) {
        List<String> statements = new ArrayList<>();
        statements.add(schema.createRecentTable());
        schema.createDistributedRecentTable().ifPresent(statements::add);
        statements.add(schema.createRecentView());
        statements.add(schema.fillRecentTable());
        return statements;
    }

    private static List<String> statementsOfVersion8(SensorsSchema schema) {
        List<String> statements = new ArrayList<>(schema.addSourceIndexToRollupTable());
        statements.addAll(schema.dropRecentTable());
        statements.addAll(statementsOfVersion6(schema));
        return statements;
    }

    private static List<String> statementsOfVersion1(SensorsSchema schema) {
        List<String> statements = new ArrayList<>();
        statements.add(schema.createTable());
        schema.createDistributedTable().ifPresent(statements::add);
        return statements;
    }
}
