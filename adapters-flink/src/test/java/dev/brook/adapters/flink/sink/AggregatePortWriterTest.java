package dev.brook.adapters.flink.sink;

import dev.brook.core.domain.aggregation.TumblingWindows;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.testing.EventBuilder;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregatePortWriterTest {

    private final RecordingPort port = new RecordingPort();
    private final List<Long> sleeps = new ArrayList<>();
    private final SinkMetrics metrics = new SinkMetrics(new UnregisteredMetricsGroup());

    private final TestProcessingTimeService time = new TestProcessingTimeService();

    private AggregatePortWriter writer(int batchSize, int attempts) {
        return new AggregatePortWriter(port, batchSize, 1_000, time, new RetryPolicy(attempts, Duration.ofMillis(100)),
                metrics, sleeps::add);
    }

    @Test
    void anAggregateWaitsNoLongerThanTheBatchDelay() throws Exception {
        time.setCurrentTime(10_000);
        AggregatePortWriter writer = writer(100, 1);
        writer.write(aggregate(1), null);
        time.setCurrentTime(10_500);
        writer.write(aggregate(2), null);
        time.setCurrentTime(10_999);
        assertThat(port.batches).isEmpty();

        time.setCurrentTime(11_000);
        assertThat(port.batches).extracting(List::size).as("both, a second after the first").containsExactly(2);

        writer.write(aggregate(3), null);
        time.setCurrentTime(11_999);
        assertThat(port.batches).hasSize(1);
        time.setCurrentTime(12_000);
        assertThat(port.batches).extracting(List::size).as("the next one, a second after it arrived").containsExactly(2, 1);
        assertThat(time.getNumActiveTimers()).as("no timer while nothing is buffered").isZero();
    }

    @Test
    void aTimerLeftFromABatchWrittenWhenFullWritesTheNextOneEarlyNeverLate() throws Exception {
        time.setCurrentTime(0);
        AggregatePortWriter writer = writer(2, 1);
        writer.write(aggregate(1), null);
        writer.write(aggregate(2), null);
        time.setCurrentTime(600);
        writer.write(aggregate(3), null);
        assertThat(time.getNumActiveTimers()).isEqualTo(1);

        time.setCurrentTime(1_000);

        assertThat(port.batches).extracting(List::size).containsExactly(2, 1);
    }

    @Test
    void aTimerFiringAfterCloseWritesNothing() throws Exception {
        AggregatePortWriter writer = writer(100, 1);
        writer.write(aggregate(1), null);
        writer.close();

        time.setCurrentTime(5_000);

        assertThat(port.batches).isEmpty();
    }

    @Test
    void buffersUntilTheBatchIsFullOrACheckpointFlushes() throws Exception {
        AggregatePortWriter writer = writer(3, 1);
        writer.write(aggregate(1), null);
        writer.write(aggregate(2), null);
        assertThat(port.batches).as("below the batch size nothing is written").isEmpty();
        writer.write(aggregate(3), null);
        writer.write(aggregate(4), null);
        assertThat(port.batches).extracting(List::size).containsExactly(3);

        writer.flush(false);
        writer.flush(true);

        assertThat(port.batches).extracting(List::size).as("flush writes the rest; an empty buffer writes nothing")
                .containsExactly(3, 1);
        assertThat(metrics.aggregatesOut.getCount()).isEqualTo(4);
        assertThat(metrics.batches.getCount()).isEqualTo(2);
        assertThat(metrics.batchLatencyMillis.getCount()).isEqualTo(2);
    }

    @Test
    void eachBatchStoredRecordsHowLongAfterItsNewestWindowEndedOnTheTasksClock() throws Exception {
        AggregatePortWriter writer = writer(10, 1);
        writer.write(aggregateAt(1, 60_000), null); // window [60 s, 120 s)
        writer.write(aggregateAt(2, 179_999), null); // window [120 s, 180 s)
        time.setCurrentTime(181_500);
        writer.flush(false);
        writer.write(aggregateAt(3, 200_000), null);
        time.setCurrentTime(245_000);
        writer.flush(false);

        assertThat(metrics.windowStoredLagMillis.getCount()).isEqualTo(2);
        assertThat(metrics.windowStoredLagMillis.getStatistics().getValues()).containsExactly(1_500L, 5_000L);
    }

    @Test
    void aWatermarkThatReachedEveryBufferedWindowWritesThemWithoutWaitingForTheBatchDelay() throws Exception {
        AggregatePortWriter writer = writer(100, 1);
        writer.write(aggregateAt(1, 60_000), null); // window [60 s, 120 s)
        writer.write(aggregateAt(2, 125_000), null); // window [120 s, 180 s)

        writer.writeWatermark(new Watermark(119_999));
        writer.writeWatermark(new Watermark(179_998));
        assertThat(port.batches).as("the window [120 s, 180 s) may still get aggregates").isEmpty();

        writer.writeWatermark(new Watermark(179_999));
        assertThat(port.batches).extracting(List::size).containsExactly(2);
        writer.writeWatermark(new Watermark(240_000));
        assertThat(port.batches).as("nothing buffered, nothing written").hasSize(1);
    }

    @Test
    void retriesTransientFailuresWithDoublingBackoff() throws Exception {
        port.failuresToThrow.add(new AggregateWriteException("store unreachable", true, null));
        port.failuresToThrow.add(new AggregateWriteException("timeout", true, null));
        AggregatePortWriter writer = writer(10, 3);
        writer.write(aggregate(1), null);

        writer.flush(false);

        assertThat(port.batches).hasSize(1);
        assertThat(sleeps).containsExactly(100L, 200L);
        assertThat(metrics.retries.getCount()).isEqualTo(2);
    }

    @Test
    void failsTheTaskWhenTheStoreKeepsFailingOrRejectsTheData() throws Exception {
        port.failuresToThrow.add(new AggregateWriteException("timeout", true, null));
        port.failuresToThrow.add(new AggregateWriteException("timeout", true, null));
        AggregatePortWriter writer = writer(10, 2);
        writer.write(aggregate(1), null);
        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("1 window aggregates failed after 2 attempt(s): timeout");

        port.failuresToThrow.add(new AggregateWriteException("column type mismatch", false, null));
        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("after 1 attempt(s): column type mismatch");
        assertThat(port.batches).isEmpty();

        writer.flush(false);
        assertThat(port.batches).as("the buffered aggregate is kept until written").extracting(List::size).containsExactly(1);
    }

    @Test
    void closingTheWriterClosesThePort() throws Exception {
        writer(1, 1).close();
        assertThat(port.closed).isTrue();
    }

    private static WindowAggregate aggregate(int source) {
        return aggregate(EventBuilder.valid().source(source).build());
    }

    private static WindowAggregate aggregateAt(int source, long eventTimeMillis) {
        return aggregate(EventBuilder.valid().source(source).time(eventTimeMillis).build());
    }

    private static WindowAggregate aggregate(Event event) {
        return new WindowAccumulator().add(event).toAggregate(TumblingWindows.ofDefaultSize().windowOf(event.eventTimeMillis()));
    }

    private static final class RecordingPort implements AggregateSink {
        final List<List<WindowAggregate>> batches = new ArrayList<>();
        final List<AggregateWriteException> failuresToThrow = new ArrayList<>();
        boolean closed;

        @Override
        public void write(List<WindowAggregate> batch) {
            if (!failuresToThrow.isEmpty()) {
                throw failuresToThrow.remove(0);
            }
            batches.add(batch);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
