package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.transport.BinaryTable;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.TextTable;

/** A transport that passes everything on; tests override the call they want to disturb. */
class ForwardingTransport implements ClickHouseTransport {

    private final ClickHouseTransport delegate;

    ForwardingTransport(ClickHouseTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(String sql) {
        delegate.execute(sql);
    }

    @Override
    public void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount) {
        delegate.insertRowBinary(qualifiedTable, batch, rowCount);
    }

    @Override
    public TextTable query(String sql, QueryParameters parameters) {
        return delegate.query(sql, parameters);
    }

    @Override
    public BinaryTable queryBinary(String sql, QueryParameters parameters) {
        return delegate.queryBinary(sql, parameters);
    }

    @Override
    public TextTable queryReadOnly(String sql) {
        return delegate.queryReadOnly(sql);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
