package dev.brook.adapters.clickhouse.jdbc;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientConfigProperties;
import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import dev.brook.adapters.clickhouse.transport.BinaryTable;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import dev.brook.adapters.clickhouse.transport.RowBinaryWriter;
import dev.brook.adapters.clickhouse.transport.TextTable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server transport: a ClickHouse server reached by JDBC URL through the official driver. Statements
 * go through the driver's own client, which binds {@code {name:Type}} parameters on the server and streams
 * the insert batch as it is, so the SQL and the bytes are the embedded transport's.
 */
public final class JdbcTransport implements ClickHouseTransport {

    private static final long TIMEOUT_SECONDS = 60;

    private final String url;
    private final Connection connection;
    private final Client client;

    private JdbcTransport(String url, Connection connection, Client client) {
        this.url = url;
        this.connection = connection;
        this.client = client;
    }

    public static JdbcTransport connect(String jdbcUrl, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // The client sends its server settings with every statement: queries, inserts (and the views they feed), DDL.
        JIT_COMPILATION_SETTINGS.forEach(setting -> properties.setProperty(ClientConfigProperties.serverSetting(setting), "0"));
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, properties);
            Client client = connection.unwrap(ConnectionImpl.class).getClient();
            return new JdbcTransport(jdbcUrl, connection, client);
        } catch (SQLException e) {
            throw ClickHouseStatementException.unreachable("cannot connect to ClickHouse at " + jdbcUrl + " as " + user, e);
        }
    }

    @Override
    public void execute(String sql) {
        try (var response = await(client.execute(sql), sql)) {
            // Nothing to read: DDL.
        } catch (Exception e) {
            throw rethrow(e, sql);
        }
    }

    @Override
    public void insertRowBinary(String qualifiedTable, byte[] batch, int rowCount) {
        String description = "INSERT INTO " + qualifiedTable + " FORMAT " + RowBinaryWriter.FORMAT + " (" + rowCount + " rows)";
        // Into a Distributed table (cluster mode), the rows reach the shards before the insert returns: the sink's
        // rollup refresh, right after it, reads them back. A plain table ignores the setting.
        InsertSettings strict = new InsertSettings().serverSetting(STRICT_INSERT_SETTING, "0")
                .serverSetting(FOREGROUND_INSERT_SETTING, "1");
        try (InsertResponse response = await(client.insert(qualifiedTable, new ByteArrayInputStream(batch),
                ClickHouseFormat.RowBinaryWithNamesAndTypes, strict), description)) {
            // Stored once the server answered.
        } catch (Exception e) {
            throw rethrow(e, description);
        }
    }

    @Override
    public TextTable query(String sql, QueryParameters parameters) {
        return query(sql, parameters, new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNames));
    }

    @Override
    public BinaryTable queryBinary(String sql, QueryParameters parameters) {
        return BinaryTable.parse(answer(sql, parameters, new QuerySettings().setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes)));
    }

    @Override
    public TextTable queryReadOnly(String sql) {
        return query(sql, QueryParameters.none(),
                new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNames).serverSetting("readonly", "1"));
    }

    private TextTable query(String sql, QueryParameters parameters, QuerySettings settings) {
        return TextTable.parse(answer(sql, parameters, settings));
    }

    /** The answer's bytes in the format the settings ask for. */
    private byte[] answer(String sql, QueryParameters parameters, QuerySettings settings) {
        Map<String, Object> bound = new LinkedHashMap<>(parameters.asMap());
        try (QueryResponse response = await(client.query(sql, bound, settings), sql)) {
            return response.getInputStream().readAllBytes();
        } catch (Exception e) {
            throw rethrow(e, sql);
        }
    }

    private static <T> T await(Future<T> future, String sql) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ClickHouseStatementException.unreachable("no answer within " + TIMEOUT_SECONDS + " s to " + sql, e);
        }
    }

    private RuntimeException rethrow(Exception e, String sql) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return classify(url + " failed on " + abbreviate(sql), e);
    }

    /**
     * A failure of a statement as the sink's retries see it: what the network or the server's load causes is transient;
     * a setting the client refuses, or any other error of the client's own, fails at once, where retrying would only
     * repeat it (six times three attempts).
     */
    static ClickHouseStatementException classify(String context, Exception e) {
        if (e instanceof ClickHouseStatementException statementException) {
            return statementException;
        }
        if (e instanceof ServerException server) {
            return refusal(context, server);
        }
        if (e instanceof ClientMisconfigurationException || e instanceof IllegalArgumentException) {
            return new ClickHouseStatementException(context + ": the client refused its settings or the statement (" + e.getMessage()
                    + "); check the JDBC URL's parameters", -1, false, e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof InterruptedException
                || e instanceof ClickHouseException) {
            return ClickHouseStatementException.unreachable(context, e);
        }
        return new ClickHouseStatementException(context + ": " + e, -1, false, e);
    }

    /** The server's error answer, classified by its ClickHouse code, or by its HTTP status when it has none. */
    static ClickHouseStatementException refusal(String context, ServerException server) {
        if (server.getCode() == ServerException.CODE_UNKNOWN) {
            return ClickHouseStatementException.withoutEngineCode(context, server.getTransportProtocolCode(),
                    String.valueOf(server.getMessage()), server);
        }
        return ClickHouseStatementException.fromEngineMessage(context, "Code: " + server.getCode() + ". " + server.getMessage(), server);
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    /** The server settings the client sends with every statement, by name. */
    Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        client.getConfiguration().forEach((key, value) -> {
            if (key.startsWith(ClientConfigProperties.SERVER_SETTING_PREFIX)) {
                settings.put(key.substring(ClientConfigProperties.SERVER_SETTING_PREFIX.length()), value);
            }
        });
        return settings;
    }

    @Override
    public String describe() {
        return "ClickHouse server at " + url;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the ClickHouse connection to " + url + " failed", e);
        }
    }
}
