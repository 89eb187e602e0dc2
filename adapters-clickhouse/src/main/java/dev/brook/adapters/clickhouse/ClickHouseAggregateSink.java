package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.schema.RowEncoder;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.schema.UnstorableRowException;
import dev.brook.adapters.clickhouse.transport.BinaryTable;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes window aggregates to the table, {@code batchSize} rows per insert.
 *
 * <p>Idempotent: each row is a version of its (source, window) key in a ReplacingMergeTree and every
 * query reads the latest version, so writing a window again changes no answer. A row the table already holds with the
 * same values (a restarted job replaying what followed its checkpoint) is not written again: it would change no
 * answer, yet its parts would be merged, and read by every query until they are ({@link #unchangedRows}). After a
 * write's inserts the rollups of the windows it wrote are recomputed from the table, once
 * ({@link SensorsSchema#refreshRollups}), before the write returns: a write that returned is in every query; a write
 * that failed part-way has the rollups of the rows it stored recomputed before it throws. Transient failures are
 * retried with exponential backoff; what remains — or any permanent failure — is thrown as an
 * {@link AggregateWriteException} naming the row when the engine named one. Nothing is dropped silently:
 * a batch either returns stored or throws.
 */
public final class ClickHouseAggregateSink implements AggregateSink {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseAggregateSink.class);
    /** ClickHouse names the failing input row as "(at row 3)" or "at row 3". */
    private static final Pattern ROW = Pattern.compile("at row (\\d+)");

    private final ClickHouseTransport transport;
    private final SensorsSchema schema;
    private final int batchSize;
    private final RetryPolicy retry;
    private final TimeSource time;
    /** Windows this sink found rows of stored as they are and then recomputed whole ({@link #write}), newest last. */
    private final Set<Long> recomputedReplayedWindows = new LinkedHashSet<>();
    private volatile boolean closed;

    /** How many such windows a sink remembers: a restart replays the few since its checkpoint; one forgotten is recomputed again. */
    private static final int REMEMBERED_REPLAYED_WINDOWS = 1_024;

    /** How often and how patiently transient failures are retried. */
    public record RetryPolicy(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(6, 100, 5_000);

        public RetryPolicy {
            if (maxAttempts < 1 || initialBackoffMillis < 0 || maxBackoffMillis < initialBackoffMillis) {
                throw new IllegalArgumentException("retry policy needs ≥ 1 attempt and 0 ≤ initial ≤ max backoff, got "
                        + maxAttempts + "/" + initialBackoffMillis + "/" + maxBackoffMillis);
            }
        }

        long backoffBefore(int attempt) {
            long backoff = initialBackoffMillis << Math.min(20, attempt - 2);
            return Math.min(maxBackoffMillis, backoff);
        }
    }

    public ClickHouseAggregateSink(ClickHouseTransport transport, SensorsSchema schema, int batchSize, RetryPolicy retry,
                                   TimeSource time) {
        if (transport == null || schema == null || retry == null || time == null || batchSize < 1) {
            throw new IllegalArgumentException("the ClickHouse sink needs a transport, a schema, a retry policy, a clock "
                    + "and a batch size ≥ 1 (got " + batchSize + ")");
        }
        this.transport = transport;
        this.schema = schema;
        this.batchSize = batchSize;
        this.retry = retry;
        this.time = time;
    }

    @Override
    public void write(List<WindowAggregate> batch) {
        if (closed) {
            throw new IllegalStateException("the ClickHouse sink on " + transport.describe() + " is closed");
        }
        if (batch.isEmpty()) {
            return;
        }
        BitSet unchanged = unchangedRows(batch);
        List<WindowAggregate> changed = new ArrayList<>(batch.size() - unchanged.cardinality());
        int[] positions = new int[batch.size() - unchanged.cardinality()];
        Set<Long> replayedWindows = new TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (unchanged.get(i)) {
                replayedWindows.add(batch.get(i).window().startMillis());
            } else {
                positions[changed.size()] = i;
                changed.add(batch.get(i));
            }
        }
        // A row stored as it is may be one whose write stopped before its rollups were recomputed (the process died
        // between the two): the first time this sink meets a window's rows stored as they are, it recomputes the
        // window's rollups whole, all sources, once. A restarted job gets a new sink, so each replayed window once.
        replayedWindows.removeAll(recomputedReplayedWindows);
        if (!replayedWindows.isEmpty()) {
            LOG.info("{} of {} rows of a write are stored with these values already, as a replay writes them: left out;"
                    + " recomputing the rollups of their windows {} whole, once", unchanged.cardinality(), batch.size(),
                    replayedWindows.stream().map(start -> Instant.ofEpochMilli(start).toString()).toList());
        }
        int stored = 0;
        try {
            for (int from = 0; from < changed.size(); from += batchSize) {
                int to = Math.min(changed.size(), from + batchSize);
                insert(changed.subList(from, to), Arrays.copyOfRange(positions, from, to), unchanged.cardinality() + stored);
                stored = to;
            }
        } catch (AggregateWriteException failure) {
            // The rows stored before the failure are in the table: their rollups follow them, so every query still
            // agrees with the table whatever the caller does next.
            try {
                refreshRollups(changed.subList(0, stored), replayedWindows);
            } catch (AggregateWriteException refreshFailure) {
                failure.addSuppressed(refreshFailure);
            }
            throw failure;
        }
        refreshRollups(changed, replayedWindows);
    }

    /**
     * The positions in {@code batch} of the rows the recent rows table holds with exactly these values as their
     * latest version (packed alike, {@link RowEncoder#packed}). Only windows it surely holds every row of
     * ({@link SensorsSchema#recentWindowsFrom}): its TTL drops parts whole, and a dropped part may have held a key's
     * latest version while an older one lies in a part kept a little longer. Older windows are written again.
     */
    private BitSet unchangedRows(List<WindowAggregate> batch) {
        long recentFrom = SensorsSchema.recentWindowsFrom(time.currentTimeMillis());
        Set<Long> windows = new TreeSet<>();
        Set<SourceId> sources = new TreeSet<>();
        for (WindowAggregate row : batch) {
            if (row.window().startMillis() >= recentFrom) {
                windows.add(row.window().startMillis());
                sources.add(row.sourceId());
            }
        }
        BitSet unchanged = new BitSet(batch.size());
        if (windows.isEmpty()) {
            return unchanged;
        }
        Map<Key, byte[]> storedRows = new HashMap<>();
        for (String query : schema.storedPackedRows(windows, sources)) {
            BinaryTable answer = withRetries("reading the stored versions of the rows to write from " + schema.queryRecentTable(),
                    List.of(), new int[0], 0, () -> transport.queryBinary(query, QueryParameters.none()));
            for (int row = 0; row < answer.rowCount(); row++) {
                storedRows.put(new Key(answer.longValue(row, 0), answer.text(row, 1)), answer.bytes(row, 2));
            }
        }
        if (storedRows.isEmpty()) {
            return unchanged;
        }
        for (int i = 0; i < batch.size(); i++) {
            WindowAggregate row = batch.get(i);
            byte[] stored = storedRows.get(new Key(row.window().startMillis(), row.sourceId().value()));
            if (stored != null && Arrays.equals(stored, RowEncoder.packed(row))) {
                unchanged.set(i);
            }
        }
        return unchanged;
    }

    /** A (window, source) key as the stored rows' answer carries it. */
    private record Key(long windowStartMillis, String sourceId) {
    }

    /** Inserts {@code chunk}, the rows at {@code positions} of the caller's batch, of which {@code stored} rows are in the table. */
    private void insert(List<WindowAggregate> chunk, int[] positions, int stored) {
        byte[] rows;
        try {
            rows = RowEncoder.encode(chunk, time.currentTimeMillis());
        } catch (UnstorableRowException e) {
            throw new AggregateWriteException(describeStored(stored) + atBatchRow(positions[e.rowNumber() - 1])
                    + " of the batch (" + e.row().sourceId() + " " + e.row().window() + ") cannot be stored in "
                    + schema.writeTable() + ": " + e.reason(), false, e);
        }
        String what = "writing " + chunk.size() + " rows to " + schema.writeTable();
        withRetries(what, chunk, positions, stored, () -> transport.insertRowBinary(schema.writeTable(), rows, chunk.size()));
    }

    /**
     * Once per write, after its inserts: a window written in several inserts is recomputed once (each recomputation
     * reads the whole window and adds a version of each of its rollup rows).
     */
    private void refreshRollups(List<WindowAggregate> stored, Set<Long> replayedWindows) {
        List<String> refresh = new ArrayList<>();
        // A window recomputed whole covers the rows of it this write stored: recomputing them too would do it twice.
        List<WindowAggregate> inOtherWindows = stored.stream()
                .filter(row -> !replayedWindows.contains(row.window().startMillis())).toList();
        if (!inOtherWindows.isEmpty()) {
            refresh.addAll(schema.refreshRollups(inOtherWindows));
        }
        if (!replayedWindows.isEmpty()) {
            refresh.addAll(schema.refreshWholeWindows(replayedWindows));
        }
        if (refresh.isEmpty()) {
            return;
        }
        withRetries("(the rows are stored) recomputing the rollups in " + schema.queryRollupTable() + " of the windows"
                + " they belong to", List.of(), new int[0], 0, () -> refresh.forEach(transport::execute));
        for (Long window : replayedWindows) {
            recomputedReplayedWindows.add(window);
            if (recomputedReplayedWindows.size() > REMEMBERED_REPLAYED_WINDOWS) {
                recomputedReplayedWindows.remove(recomputedReplayedWindows.iterator().next());
            }
        }
    }

    private void withRetries(String what, List<WindowAggregate> chunk, int[] positions, int stored, Runnable statement) {
        withRetries(what, chunk, positions, stored, () -> {
            statement.run();
            return null;
        });
    }

    /** Runs {@code statement}; transient failures are retried with backoff, the rest thrown naming {@code what}. */
    private <T> T withRetries(String what, List<WindowAggregate> chunk, int[] positions, int stored, Supplier<T> statement) {
        for (int attempt = 1; ; attempt++) {
            try {
                return statement.get();
            } catch (ClickHouseStatementException e) {
                if (!e.isTransient()) {
                    throw new AggregateWriteException(describeStored(stored) + what + " on " + transport.describe()
                            + " failed" + namedRow(e, chunk, positions) + ": " + e.getMessage(), false, e);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new AggregateWriteException(describeStored(stored) + what + " on " + transport.describe()
                            + " still failed after " + attempt + " attempts: " + e.getMessage(), true, e);
                }
                long backoff = retry.backoffBefore(attempt + 1);
                LOG.warn("{} failed (attempt {}/{}), retrying in {} ms: {}", what, attempt, retry.maxAttempts(), backoff,
                        e.getMessage());
                sleep(backoff);
            }
        }
    }

    /** " at row 3 of the batch (source-… window …)" when the engine named the row, else nothing. */
    private static String namedRow(ClickHouseStatementException e, List<WindowAggregate> chunk, int[] positions) {
        Matcher matcher = ROW.matcher(String.valueOf(e.getMessage()));
        if (!matcher.find()) {
            return "";
        }
        int rowInChunk = Integer.parseInt(matcher.group(1));
        if (rowInChunk < 1 || rowInChunk > chunk.size()) {
            return "";
        }
        WindowAggregate row = chunk.get(rowInChunk - 1);
        return " at " + atBatchRow(positions[rowInChunk - 1]) + " of the batch (" + row.sourceId() + " " + row.window() + ")";
    }

    private static String atBatchRow(int positionInBatch) {
        return "row " + (positionInBatch + 1);
    }

    /** Rows of the batch stored before a failing chunk: saying so tells the caller a retry of the whole batch is safe. */
    private static String describeStored(int stored) {
        return stored == 0 ? "" : "(" + stored + " rows of the batch are stored; writing the batch again is safe) ";
    }

    private void sleep(long millis) {
        try {
            time.sleepNanos(millis * 1_000_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AggregateWriteException("interrupted while waiting to retry a write to " + schema.writeTable(), true, e);
        }
    }

    /** Writes are synchronous: nothing is buffered here, so closing only refuses further writes. */
    @Override
    public void close() {
        closed = true;
    }
}
