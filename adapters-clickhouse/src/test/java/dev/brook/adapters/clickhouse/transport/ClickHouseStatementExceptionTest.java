package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClickHouseStatementExceptionTest {

    @Test
    void timeOutsAndTooManyPartsAreTransientBadDataIsNot() {
        assertThat(ClickHouseStatementException.fromEngineMessage("insert", "Code: 252. DB::Exception: Too many parts", null)
                .isTransient()).isTrue();
        assertThat(ClickHouseStatementException.fromEngineMessage("insert", "Code: 159. DB::Exception: Timeout exceeded", null)
                .isTransient()).isTrue();
        for (String passing : new String[] {"Code: 3. DB::Exception: Unexpected end of file", "Code: 203. DB::Exception: No free connection",
                "Code: 225. DB::Exception: No ZooKeeper", "Code: 394. DB::Exception: Query was cancelled",
                "Code: 439. DB::Exception: Cannot schedule a task"}) {
            assertThat(ClickHouseStatementException.fromEngineMessage("insert", passing, null).isTransient()).as(passing).isTrue();
        }
        ClickHouseStatementException constraint = ClickHouseStatementException.fromEngineMessage("insert",
                "Code: 469. DB::Exception: Constraint `metrics_are_finite` ... is violated at row 2", null);
        assertThat(constraint.isTransient()).isFalse();
        assertThat(constraint.code()).isEqualTo(469);
        assertThat(constraint.getMessage()).startsWith("insert: Code: 469.");
    }

    @Test
    void noCodeIsMinusOneAndUnreachableIsTransient() {
        assertThat(ClickHouseStatementException.fromEngineMessage("q", "something odd", null).code()).isEqualTo(-1);
        assertThat(ClickHouseStatementException.unreachable("connect", new java.io.IOException("refused")).isTransient()).isTrue();
    }
}
