package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    @Test
    void stringsAreEscapedTheWayTheEngineReadsParameterText() {
        QueryParameters parameters = QueryParameters.builder().put("s", "a'b\tc\\d\ne").put("n", 42).build();

        assertThat(parameters.asMap()).containsEntry("s", "a\\'b\\tc\\\\d\\ne").containsEntry("n", "42");
        assertThat(parameters.asMap().keySet()).containsExactly("s", "n");
    }

    @Test
    void namesAreCheckedAndBoundOnce() {
        assertThatThrownBy(() -> QueryParameters.builder().put("Bad-Name", 1)).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> QueryParameters.builder().put("x", 1).put("x", 2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> QueryParameters.builder().put("x", (String) null)).hasMessageContaining("no value");
    }
}
