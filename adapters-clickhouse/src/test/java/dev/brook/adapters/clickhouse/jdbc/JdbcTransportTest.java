package dev.brook.adapters.clickhouse.jdbc;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How the server transport sets up its client and classifies failures; the statements themselves need a server (the ITs). */
class JdbcTransportTest {

    /** The driver connects on the first statement, so no server is needed to see what its client will send. */
    @Test
    void everyStatementGoesWithTheEnginesCompilationTurnedOff() {
        try (JdbcTransport transport = JdbcTransport.connect("jdbc:clickhouse://localhost:1", "default", "")) {
            assertThat(transport.serverSettings()).containsAllEntriesOf(ClickHouseTransport.JIT_COMPILATION_SETTINGS.stream()
                    .collect(Collectors.toMap(setting -> setting, setting -> "0")));
        }
    }

    @Test
    void aProxysGatewayErrorWithoutAClickHouseCodeIsRetried() {
        ClickHouseStatementException refusal = JdbcTransport.refusal("INSERT …",
                new ServerException(ServerException.CODE_UNKNOWN, "Unreadable error message (transport error: 503)", 503, "q1"));

        assertThat(refusal.isTransient()).isTrue();
        assertThat(refusal.code()).isEqualTo(-1);
        assertThat(refusal.getMessage()).startsWith("INSERT …: HTTP 503 without a ClickHouse error code");
    }

    @Test
    void aClientErrorWithoutACodeIsNotRetried() {
        assertThat(JdbcTransport.refusal("SELECT 1", new ServerException(ServerException.CODE_UNKNOWN, "Forbidden", 403, "q2"))
                .isTransient()).isFalse();
    }

    @Test
    void aClickHouseCodeDecidesWhateverTheHttpStatus() {
        ClickHouseStatementException syntax = JdbcTransport.refusal("SELEC 1",
                new ServerException(62, "DB::Exception: Syntax error", 500, "q3"));
        ClickHouseStatementException tooManyParts = JdbcTransport.refusal("INSERT …",
                new ServerException(252, "DB::Exception: Too many parts", 500, "q4"));

        assertThat(syntax.isTransient()).isFalse();
        assertThat(syntax.code()).isEqualTo(62);
        assertThat(tooManyParts.isTransient()).isTrue();
    }

    /** The network and the server's load are retried; what the client refuses of its own would only fail again. */
    @Test
    void connectionFailuresAreRetriedAndTheClientsOwnRefusalsAreNot() {
        assertThat(JdbcTransport.classify("INSERT …", new ConnectionInitiationException("connect timed out")).isTransient()).isTrue();
        assertThat(JdbcTransport.classify("INSERT …", new DataTransferException("connection reset")).isTransient()).isTrue();
        assertThat(JdbcTransport.classify("INSERT …", new ClientException("failed to read the response")).isTransient()).isTrue();
        assertThat(JdbcTransport.classify("INSERT …", new java.net.SocketTimeoutException("read timed out")).isTransient()).isTrue();
        assertThat(JdbcTransport.classify("INSERT …", new UncheckedIOException(new IOException("broken pipe"))).isTransient()).isTrue();

        ClickHouseStatementException misconfigured = JdbcTransport.classify("INSERT …",
                new ClientMisconfigurationException("unknown setting 'socket_timout'"));
        assertThat(misconfigured.isTransient()).isFalse();
        assertThat(misconfigured.getMessage()).contains("socket_timout", "check the JDBC URL's parameters");
        assertThat(JdbcTransport.classify("SELECT 1", new IllegalArgumentException("bad parameter")).isTransient()).isFalse();
        assertThat(JdbcTransport.classify("SELECT 1", new IllegalStateException("a bug")).isTransient()).isFalse();
        assertThat(JdbcTransport.classify("SELECT 1",
                new ServerException(62, "DB::Exception: Syntax error", 500, "q5")).code()).isEqualTo(62);
    }
}
