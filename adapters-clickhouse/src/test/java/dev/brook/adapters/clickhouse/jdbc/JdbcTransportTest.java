package dev.brook.adapters.clickhouse.jdbc;

import com.clickhouse.client.api.ServerException;
import dev.brook.adapters.clickhouse.transport.ClickHouseStatementException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the server transport classifies the server's error answers; the statements themselves need a server (the ITs). */
class JdbcTransportTest {

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
}
