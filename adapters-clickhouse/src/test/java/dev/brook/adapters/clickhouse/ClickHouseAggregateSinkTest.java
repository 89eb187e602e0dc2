package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.schema.RowEncoder;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.transport.BinaryTable;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.RowBinaryBatch;
import dev.brook.adapters.clickhouse.transport.TextTable;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.contract.KnownAggregates;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching, retries and error naming, over a scripted transport and a fake clock (no engine, no waiting). */
class ClickHouseAggregateSinkTest {

    /** A write of a few sources recomputes its windows' rollups, then its sources' totals of each span length. */
    private static final int REFRESH_STATEMENTS = 1 + SensorsSchema.SourceTotals.values().length;

    private final List<WindowAggregate> rows = KnownAggregates.of(5, 5, FakeTimeSource.DEFAULT_START_MILLIS).aggregates();
    private final ScriptedTransport transport = new ScriptedTransport();
    private final FakeTimeSource clock = new FakeTimeSource();
    private final SensorsSchema schema = new SensorsSchema("benchmark", "sensors_local", 30, Optional.empty());

    private ClickHouseAggregateSink sink(int batchSize) {
        return new ClickHouseAggregateSink(transport, schema, batchSize, new ClickHouseAggregateSink.RetryPolicy(4, 100, 250), clock);
    }

    @Test
    void aLargeWriteIsSplitIntoBatchSizeInserts() {
        sink(10).write(rows);

        assertThat(transport.insertedRowCounts).containsExactly(10, 10, 5);
        assertThat(transport.tables).containsOnly("benchmark.sensors_local");
    }

    /** The write's inserts are followed by one recomputation of the rollups of exactly the windows they wrote. */
    @Test
    void afterTheInsertsOfAWriteTheRollupsOfItsWindowsAreRecomputedOnce() {
        sink(10).write(rows);

        assertThat(transport.statements).containsExactlyElementsOf(schema.refreshRollups(rows));
        assertThat(transport.statements).hasSize(REFRESH_STATEMENTS).allMatch(statement -> statement.startsWith("INSERT INTO benchmark.sensors_rollup_local"));
        assertThat(transport.events).containsExactly("insert 10", "insert 10", "insert 5", "refresh", "refresh", "refresh", "refresh");
    }

    /** Rows stored before a failing insert are in the table, so their rollups are recomputed before the failure is thrown. */
    @Test
    void aWriteThatFailsPartWayRecomputesTheRollupsOfTheRowsItStored() {
        transport.failures.add(null); // first chunk succeeds
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert", "Code: 27. at row 2", null));

        assertThatThrownBy(() -> sink(10).write(rows)).isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("10 rows of the batch are stored");
        assertThat(transport.statements).containsExactlyElementsOf(schema.refreshRollups(rows.subList(0, 10)));
        assertThat(transport.events).containsExactly("insert 10", "refresh", "refresh", "refresh", "refresh");
    }

    @Test
    void aFailingRecomputationAfterAFailedInsertIsKeptBesideTheInsertsFailure() {
        transport.failures.add(null);
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert", "Code: 27. at row 2", null));
        transport.executeFailures.add(ClickHouseStatementException.fromEngineMessage("refresh",
                "Code: 60. DB::Exception: Unknown table expression identifier", null));

        assertThatThrownBy(() -> sink(10).write(rows)).isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("at row 12 of the batch")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(suppressed ->
                        assertThat(suppressed).hasMessageContaining("(the rows are stored) recomputing the rollups")));
    }

    @Test
    void aFailureOfTheFirstInsertStoresNothingAndRecomputesNothing() {
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert", "Code: 27. at row 2", null));

        assertThatThrownBy(() -> sink(10).write(rows)).isInstanceOf(AggregateWriteException.class);
        assertThat(transport.statements).isEmpty();
    }

    @Test
    void aTransientFailureOfTheRecomputationIsRetriedAndAPermanentOneSaysTheRowsAreStored() {
        transport.executeFailures.add(transientFailure());
        sink(100).write(rows);
        assertThat(transport.statements).hasSize(REFRESH_STATEMENTS);
        assertThat(transport.insertedRowCounts).containsExactly(25);

        transport.executeFailures.add(ClickHouseStatementException.fromEngineMessage("refresh",
                "Code: 60. DB::Exception: Unknown table expression identifier", null));
        assertThatThrownBy(() -> sink(100).write(rows))
                .isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("(the rows are stored) recomputing the rollups in benchmark.sensors_rollup_local")
                .hasMessageContaining("Unknown table")
                .satisfies(e -> assertThat(((AggregateWriteException) e).isTransient()).isFalse());
    }

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        transport.failures.add(transientFailure());
        transport.failures.add(transientFailure());

        sink(100).write(rows);

        assertThat(transport.insertedRowCounts).containsExactly(25);
        assertThat(transport.attempts).isEqualTo(3);
        assertThat(clock.sleptNanos()).isEqualTo((100 + 200) * 1_000_000L);
    }

    @Test
    void aTransientFailureThatPersistsIsThrownAsTransientAfterTheLastAttempt() {
        for (int i = 0; i < 4; i++) {
            transport.failures.add(transientFailure());
        }

        assertThatThrownBy(() -> sink(100).write(rows))
                .isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("after 4 attempts")
                .satisfies(e -> assertThat(((AggregateWriteException) e).isTransient()).isTrue());
        assertThat(clock.sleptNanos()).isEqualTo((100 + 200 + 250) * 1_000_000L);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndNamesTheRowTheEngineNamed() {
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert",
                "Code: 469. DB::Exception: Constraint `statuses_add_up` is violated at row 3.", null));

        assertThatThrownBy(() -> sink(10).write(rows))
                .isInstanceOf(AggregateWriteException.class)
                .hasMessageContaining("at row 3 of the batch (" + rows.get(2).sourceId() + " " + rows.get(2).window() + ")")
                .hasMessageContaining("statuses_add_up")
                .satisfies(e -> assertThat(((AggregateWriteException) e).isTransient()).isFalse());
        assertThat(transport.attempts).isEqualTo(1);
        assertThat(clock.sleepCount()).isZero();
    }

    @Test
    void aFailureInALaterChunkSaysTheEarlierRowsAreStoredAndCountsRowsAcrossTheBatch() {
        transport.failures.add(null); // first chunk succeeds
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert", "Code: 27. at row 2", null));

        assertThatThrownBy(() -> sink(10).write(rows))
                .hasMessageContaining("10 rows of the batch are stored")
                .hasMessageContaining("at row 12 of the batch (" + rows.get(11).sourceId());
    }

    /** A restarted job's replay: every row is stored as it is, so nothing is inserted; its windows are recomputed once. */
    @Test
    void rowsStoredAsTheyAreAreNotInsertedAgainAndTheirWindowsAreRecomputedWholeOncePerSink() {
        transport.stored.addAll(rows);
        ClickHouseAggregateSink sink = sink(10);

        sink.write(rows);
        assertThat(transport.insertedRowCounts).isEmpty();
        assertThat(transport.statements).containsExactlyElementsOf(schema.refreshWholeWindows(windowsOf(rows)));

        transport.statements.clear();
        sink.write(rows);
        assertThat(transport.insertedRowCounts).isEmpty();
        assertThat(transport.statements).isEmpty();

        sink(10).write(rows.subList(0, 5));
        assertThat(transport.statements).containsExactlyElementsOf(schema.refreshWholeWindows(windowsOf(rows.subList(0, 5))));
        assertThat(transport.readQueries).hasSize(3);
    }

    /**
     * Only the rows whose stored version has other values (or none) are inserted, and recomputed as any write's,
     * unless their window is recomputed whole anyway (the first time this sink meets rows of it stored as they are).
     */
    @Test
    void rowsStoredWithOtherValuesOrNotAtAllAreInserted() {
        List<WindowAggregate> firstWindows = rows.subList(0, 20); // four windows of five sources
        WindowAggregate inLastWindow = rows.get(22);
        transport.stored.addAll(firstWindows);
        transport.stored.set(3, otherValues(rows.get(3)));
        transport.stored.remove(17);

        sink(10).write(rows);

        assertThat(transport.insertedRowCounts).containsExactly(7);
        assertThat(RowBinaryBatch.read(transport.insertedBatches.get(0)).rows()).extracting(row -> row.get("source_id"))
                .containsExactly(rows.get(3).sourceId().value(), rows.get(17).sourceId().value(), rows.get(20).sourceId().value(),
                        rows.get(21).sourceId().value(), inLastWindow.sourceId().value(), rows.get(23).sourceId().value(),
                        rows.get(24).sourceId().value());
        List<String> refresh = new ArrayList<>(schema.refreshRollups(rows.subList(20, 25)));
        refresh.addAll(schema.refreshWholeWindows(windowsOf(firstWindows)));
        assertThat(transport.statements).containsExactlyElementsOf(refresh);
    }

    /**
     * Windows older than the recent rows table surely keeps whole are written again without a look: a part of it the
     * TTL dropped may have held a key's latest version.
     */
    @Test
    void rowsOfWindowsTheRecentRowsTableMayHaveDroppedAreWrittenWithoutALook() {
        transport.stored.addAll(rows);
        clock.advance(Duration.ofHours(SensorsSchema.RECENT_HOURS));

        sink(100).write(rows);

        assertThat(transport.readQueries).isEmpty();
        assertThat(transport.insertedRowCounts).containsExactly(25);
        assertThat(transport.statements).containsExactlyElementsOf(schema.refreshRollups(rows));
    }

    /** Like the refresh, a read of the stored versions names at most {@link SensorsSchema#MAX_LISTED_SOURCES} sources. */
    @Test
    void theStoredVersionsOfManySourcesAreReadAtMostTheListedMaximumAtATime() {
        List<WindowAggregate> many = KnownAggregates.of(SensorsSchema.MAX_LISTED_SOURCES + 1, 1, FakeTimeSource.DEFAULT_START_MILLIS)
                .aggregates();

        sink(1_000).write(many);

        assertThat(transport.readQueries).hasSize(2).extracting(sql -> sql.split("'source-").length - 1)
                .containsExactly(SensorsSchema.MAX_LISTED_SOURCES, 1);
        assertThat(transport.insertedRowCounts).containsExactly(1_000, 1_000, 1_000, 1_000, 1_000, 1);
    }

    /** With rows left out, a failing row is still named by its place in the caller's batch. */
    @Test
    void aFailingRowIsNamedByItsPlaceInTheBatchWhenRowsBeforeItWereLeftOut() {
        transport.stored.addAll(rows.subList(0, 12));
        transport.failures.add(ClickHouseStatementException.fromEngineMessage("insert", "Code: 27. at row 2", null));

        assertThatThrownBy(() -> sink(10).write(rows))
                .hasMessageContaining("at row 14 of the batch (" + rows.get(13).sourceId() + " " + rows.get(13).window() + ")");
    }

    private static Set<Long> windowsOf(List<WindowAggregate> rows) {
        Set<Long> windows = new TreeSet<>();
        rows.forEach(row -> windows.add(row.window().startMillis()));
        return windows;
    }

    private static WindowAggregate otherValues(WindowAggregate row) {
        return new WindowAggregate(row.sourceId(), row.window(), row.customerId(), row.siteId(), row.eventType(),
                row.eventCount(), row.metrics(), row.statusCounts(), row.motionCount() == 0 ? 1 : 0,
                row.firstEventTimeMillis(), row.lastEventTimeMillis());
    }

    @Test
    void aClosedSinkRefusesWrites() {
        ClickHouseAggregateSink sink = sink(10);
        sink.close();

        assertThatThrownBy(() -> sink.write(rows)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static ClickHouseStatementException transientFailure() {
        return ClickHouseStatementException.fromEngineMessage("insert", "Code: 252. DB::Exception: Too many parts", null);
    }

    /** Fails inserts and statements as scripted (a null entry means: succeed), records the rest. */
    private static final class ScriptedTransport implements ClickHouseTransport {
        final Deque<ClickHouseStatementException> failures = new java.util.LinkedList<>(); // allows null: succeed
        final List<Integer> insertedRowCounts = new ArrayList<>();
        final List<byte[]> insertedBatches = new ArrayList<>();
        /** What the recent rows table holds: the stored versions the sink compares its rows with. */
        final List<WindowAggregate> stored = new ArrayList<>();
        final List<String> readQueries = new ArrayList<>();
        final List<String> tables = new ArrayList<>();
        final Deque<ClickHouseStatementException> executeFailures = new java.util.LinkedList<>();
        final List<String> statements = new ArrayList<>();
        /** What was done, in order: "insert N" per stored insert, "refresh" per statement run. */
        final List<String> events = new ArrayList<>();
        int attempts;

        @Override
        public void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount) {
            attempts++;
            ClickHouseStatementException failure = failures.isEmpty() ? null : failures.poll();
            if (failure != null) {
                throw failure;
            }
            assertThat(RowBinaryBatch.read(batch).rows()).hasSize(rowCount);
            insertedRowCounts.add(rowCount);
            insertedBatches.add(batch);
            tables.add(qualifiedTable);
            events.add("insert " + rowCount);
        }

        @Override
        public void execute(String sql) {
            ClickHouseStatementException failure = executeFailures.isEmpty() ? null : executeFailures.poll();
            if (failure != null) {
                throw failure;
            }
            statements.add(sql);
            events.add("refresh");
        }

        @Override
        public TextTable query(String sql, QueryParameters parameters) {
            throw new UnsupportedOperationException();
        }

        /** Answers the sink's read of the stored versions, as the engine would: window start, source index, packed row. */
        @Override
        public BinaryTable queryBinary(String sql, QueryParameters parameters) {
            assertThat(sql).startsWith("SELECT toUnixTimestamp64Milli(window_start) AS start, source_id, row FROM");
            readQueries.add(sql);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            answer.write(3);
            for (String text : List.of("start", "source_id", "row", "Int64", "String", "String")) {
                writeString(answer, text.getBytes(StandardCharsets.US_ASCII));
            }
            for (WindowAggregate row : stored) {
                answer.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(row.window().startMillis()).array());
                writeString(answer, row.sourceId().value().getBytes(StandardCharsets.US_ASCII));
                writeString(answer, RowEncoder.packed(row));
            }
            return BinaryTable.parse(answer.toByteArray());
        }

        /** A RowBinary string: its length as a varint, then its bytes. */
        private static void writeString(ByteArrayOutputStream out, byte[] value) {
            int rest = value.length;
            while (rest >= 0x80) {
                out.write((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write(rest);
            out.writeBytes(value);
        }

        @Override
        public TextTable queryReadOnly(String sql) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "scripted transport";
        }

        @Override
        public void close() {
        }
    }
}
