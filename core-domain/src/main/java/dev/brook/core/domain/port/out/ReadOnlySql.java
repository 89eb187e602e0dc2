package dev.brook.core.domain.port.out;

import java.util.List;

/**
 * Runs a person's read-only query against the analytics store, for inspection and verification.
 * Statements that would change data (INSERT, ALTER, DROP …) are refused with a clear message.
 */
public interface ReadOnlySql {

    Table query(String sql);

    /** A result: column names and rows of values rendered as text. */
    record Table(List<String> columns, List<List<String>> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
