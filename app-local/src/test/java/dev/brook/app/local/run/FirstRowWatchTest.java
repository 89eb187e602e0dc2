package dev.brook.app.local.run;

import dev.brook.app.local.testing.Aggregates;
import dev.brook.app.local.testing.FakeAggregateQueries;
import dev.brook.core.domain.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRowWatchTest {

    private final FakeAggregateQueries queries = new FakeAggregateQueries();
    private final FakeTimeSource time = new FakeTimeSource(10_000);

    @Test
    void seesTheFirstRowOfThisRunNotTheRowsOfEarlierRuns() {
        queries.store(Aggregates.of(1, 0, 3));
        FirstRowWatch watch = new FirstRowWatch(queries, 1, time, 200);

        assertThat(watch.checkOnce()).isFalse();
        queries.failWith(new IllegalStateException("busy"));
        assertThat(watch.checkOnce()).isFalse();
        queries.failWith(null);
        queries.store(Aggregates.of(2, 0, 3));
        assertThat(watch.checkOnce()).isTrue();

        assertThat(watch.seenAtMillis()).hasValue(10_000L);
    }
}
