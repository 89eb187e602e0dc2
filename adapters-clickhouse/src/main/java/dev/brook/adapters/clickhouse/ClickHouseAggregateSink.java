package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.schema.RowEncoder;
import dev.brook.adapters.clickhouse.schema.SensorsSchema;
import dev.brook.adapters.clickhouse.schema.UnstorableRowException;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes window aggregates to the table, {@code batchSize} rows per insert.
 *
 * <p>Idempotent: each row is a version of its (source, window) key in a ReplacingMergeTree and every
 * query reads the latest version, so writing a window again changes no answer. After a write's inserts the
 * rollups of the windows it wrote are recomputed from the table, once ({@link SensorsSchema#refreshRollups}),
 * before the write returns: a write that returned is in every query; a write that failed part-way has the
 * rollups of the rows it stored recomputed before it throws. Transient failures are
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
    private volatile boolean closed;

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
        int stored = 0;
        try {
            for (int from = 0; from < batch.size(); from += batchSize) {
                List<WindowAggregate> chunk = batch.subList(from, Math.min(batch.size(), from + batchSize));
                insert(chunk, from);
                stored += chunk.size();
            }
        } catch (AggregateWriteException failure) {
            // The rows stored before the failure are in the table: their rollups follow them, so every query still
            // agrees with the table whatever the caller does next.
            if (stored > 0) {
                try {
                    refreshRollups(batch.subList(0, stored));
                } catch (AggregateWriteException refreshFailure) {
                    failure.addSuppressed(refreshFailure);
                }
            }
            throw failure;
        }
        if (!batch.isEmpty()) {
            refreshRollups(batch);
        }
    }

    private void insert(List<WindowAggregate> chunk, int offsetInBatch) {
        byte[] rows;
        try {
            rows = RowEncoder.encode(chunk, time.currentTimeMillis());
        } catch (UnstorableRowException e) {
            throw new AggregateWriteException(describeStored(offsetInBatch) + atBatchRow(e.rowNumber(), offsetInBatch)
                    + " of the batch (" + e.row().sourceId() + " " + e.row().window() + ") cannot be stored in "
                    + schema.writeTable() + ": " + e.reason(), false, e);
        }
        String what = "writing " + chunk.size() + " rows to " + schema.writeTable();
        withRetries(what, chunk, offsetInBatch, () -> transport.insertRowBinary(schema.writeTable(), rows, chunk.size()));
    }

    /**
     * Once per write, after its inserts: a window written in several inserts is recomputed once (each recomputation
     * reads the whole window and adds a version of each of its rollup rows).
     */
    private void refreshRollups(List<WindowAggregate> stored) {
        List<String> refresh = schema.refreshRollups(stored);
        withRetries("(the rows are stored) recomputing the rollups in " + schema.queryRollupTable() + " of the windows"
                + " they belong to", List.of(), 0, () -> refresh.forEach(transport::execute));
    }

    /** Runs {@code statement}; transient failures are retried with backoff, the rest thrown naming {@code what}. */
    private void withRetries(String what, List<WindowAggregate> chunk, int offsetInBatch, Runnable statement) {
        for (int attempt = 1; ; attempt++) {
            try {
                statement.run();
                return;
            } catch (ClickHouseStatementException e) {
                if (!e.isTransient()) {
                    throw new AggregateWriteException(describeStored(offsetInBatch) + what + " on " + transport.describe()
                            + " failed" + namedRow(e, chunk, offsetInBatch) + ": " + e.getMessage(), false, e);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new AggregateWriteException(describeStored(offsetInBatch) + what + " on " + transport.describe()
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
    private static String namedRow(ClickHouseStatementException e, List<WindowAggregate> chunk, int offsetInBatch) {
        Matcher matcher = ROW.matcher(String.valueOf(e.getMessage()));
        if (!matcher.find()) {
            return "";
        }
        int rowInChunk = Integer.parseInt(matcher.group(1));
        if (rowInChunk < 1 || rowInChunk > chunk.size()) {
            return "";
        }
        WindowAggregate row = chunk.get(rowInChunk - 1);
        return " at " + atBatchRow(rowInChunk, offsetInBatch) + " of the batch (" + row.sourceId() + " " + row.window() + ")";
    }

    private static String atBatchRow(int rowInChunk, int offsetInBatch) {
        return "row " + (offsetInBatch + rowInChunk);
    }

    /** Rows before a failing chunk are stored; saying so tells the caller a retry of the whole batch is safe. */
    private static String describeStored(int offsetInBatch) {
        return offsetInBatch == 0 ? "" : "(the first " + offsetInBatch + " rows are stored; writing the batch again is safe) ";
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
