package dev.brook.adapters.clickhouse.schema;

import dev.brook.core.domain.aggregation.WindowAggregate;

/** A row the table cannot hold as it is; names the row (1-based in its batch) and the reason. */
public final class UnstorableRowException extends RuntimeException {

    private final int rowNumber;
    private final WindowAggregate row;
    private final String reason;

    public UnstorableRowException(int rowNumber, WindowAggregate row, String reason) {
        super("row " + rowNumber + " (" + row.sourceId() + " " + row.window() + "): " + reason);
        this.rowNumber = rowNumber;
        this.row = row;
        this.reason = reason;
    }

    public int rowNumber() {
        return rowNumber;
    }

    public WindowAggregate row() {
        return row;
    }

    public String reason() {
        return reason;
    }
}
