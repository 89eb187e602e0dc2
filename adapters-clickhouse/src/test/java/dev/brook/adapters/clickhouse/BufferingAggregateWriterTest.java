package dev.brook.adapters.clickhouse;

import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.contract.KnownAggregates;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.testing.FakeTimeSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferingAggregateWriterTest {

    private final List<WindowAggregate> rows = KnownAggregates.of(5, 4, FakeTimeSource.DEFAULT_START_MILLIS).aggregates();
    private final FakeTimeSource clock = new FakeTimeSource();
    private final List<List<WindowAggregate>> written = new ArrayList<>();
    private boolean failing;
    private final AggregateSink sink = new AggregateSink() {
        @Override
        public void write(List<WindowAggregate> batch) {
            if (failing) {
                throw new AggregateWriteException("store down", true, null);
            }
            written.add(batch);
        }

        @Override
        public void close() {
        }
    };
    private final BufferingAggregateWriter writer = new BufferingAggregateWriter(sink, 8, Duration.ofSeconds(1), clock);

    @Test
    void aFullBufferIsWrittenAtOnce() {
        rows.forEach(writer::add);

        assertThat(written).extracting(List::size).containsExactly(8, 8);
        assertThat(writer.buffered()).isEqualTo(4);
    }

    @Test
    void theOldestRowWaitsAtMostTheDelay() {
        writer.add(rows.get(0));
        clock.advance(Duration.ofMillis(600));
        writer.add(rows.get(1));
        writer.flushIfDue();
        assertThat(written).isEmpty();

        clock.advance(Duration.ofMillis(400));
        writer.flushIfDue();

        assertThat(written).containsExactly(rows.subList(0, 2));
    }

    @Test
    void closeWritesTheRest() {
        writer.add(rows.get(0));
        writer.close();

        assertThat(written).containsExactly(List.of(rows.get(0)));
    }

    @Test
    void aFailedFlushKeepsTheRowsForTheNextTry() {
        writer.add(rows.get(0));
        failing = true;
        assertThatThrownBy(writer::flush).isInstanceOf(AggregateWriteException.class);
        assertThat(writer.buffered()).isEqualTo(1);

        failing = false;
        writer.flush();
        assertThat(written).containsExactly(List.of(rows.get(0)));
    }
}
