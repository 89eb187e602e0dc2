package dev.brook.core.domain.port;

import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateWriteException;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.PublisherStats;
import dev.brook.core.domain.port.out.ReadOnlySql;
import dev.brook.core.domain.port.out.query.ErrorRatePoint;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.MetricPoint;
import dev.brook.core.domain.port.out.query.Rollup;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The values that cross the ports: valid by construction, immutable, no nulls. */
class PortRecordsTest {

    @Test
    void publisherStatsAddUp() {
        PublisherStats stats = new PublisherStats(10, 7, 2);
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThatThrownBy(() -> new PublisherStats(5, 4, 2)).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new PublisherStats(-1, 0, 0)).hasMessageContaining("published=-1");
    }

    @Test
    void aDeadLetterKeepsItsBytesToItself() {
        byte[] payload = {1, 2, 3};
        DeadLetter letter = new DeadLetter("topic/partition-0/msg-1", payload, "malformed: input ends", 42);
        payload[0] = 9;
        assertThat(letter.payload()).containsExactly(1, 2, 3);
        letter.payload()[1] = 9;
        assertThat(letter.payload()).containsExactly(1, 2, 3);
        assertThat(letter).isEqualTo(new DeadLetter("topic/partition-0/msg-1", new byte[] {1, 2, 3}, "malformed: input ends", 42))
                .hasSameHashCodeAs(new DeadLetter("topic/partition-0/msg-1", new byte[] {1, 2, 3}, "malformed: input ends", 42));
        assertThat(letter.toString()).contains("3 bytes").contains("malformed");
        assertThatThrownBy(() -> new DeadLetter(" ", payload, "r", 0)).hasMessageContaining("origin");
        assertThatThrownBy(() -> new DeadLetter("o", null, "r", 0)).hasMessageContaining("payload");
        assertThatThrownBy(() -> new DeadLetter("o", payload, "", 0)).hasMessageContaining("reason");
    }

    @Test
    void timeRangesAreHalfOpenAndForward() {
        assertThat(TimeRange.of(Instant.ofEpochMilli(5), Instant.ofEpochMilli(9))).isEqualTo(new TimeRange(5, 9));
        assertThat(TimeRange.all().toMillis()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new TimeRange(9, 9)).hasMessageContaining("end after it starts");
        assertThatThrownBy(() -> new TimeRange(-1, 9)).hasMessageContaining("epoch 0");
    }

    @Test
    void granularityBucketsAlignToTheEpoch() {
        assertThat(Granularity.MINUTE.bucketStart(1_704_067_259_999L)).isEqualTo(1_704_067_200_000L);
        assertThat(Granularity.HOUR.bucketStart(1_704_070_799_999L)).isEqualTo(1_704_067_200_000L);
        assertThat(Granularity.HOUR.millis()).isEqualTo(3_600_000L);
    }

    @Test
    void queryResultsRefuseImpossibleFigures() {
        assertThat(new ErrorRatePoint(0, 200, 3).rate()).isEqualTo(0.015);
        assertThat(new ErrorRatePoint(0, 0, 0).rate()).isZero();
        assertThatThrownBy(() -> new ErrorRatePoint(0, 2, 3)).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new Rollup(0, "site-00001", 5, 1, 6)).hasMessageContaining("invalid");
        assertThatThrownBy(() -> new Rollup(0, null, 5, 1, 0)).hasMessageContaining("invalid");
        assertThatThrownBy(() -> new SourceActivity(SourceId.ofIndex(1), -1, 0)).hasMessageContaining("invalid");
        assertThat(new MetricPoint(0, -3, -2, -1, 4).average()).isEqualTo(-2);
        // Averages computed by a store may be off by rounding: a hair outside [min, max] is accepted.
        assertThat(new MetricPoint(0, 1.0, 1.0 + 1e-12, 1.0, 3).eventCount()).isEqualTo(3);
        assertThatThrownBy(() -> new MetricPoint(0, 1, 5, 4, 1)).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new MetricPoint(0, 1, 1, 1, 0)).hasMessageContaining("inconsistent");
    }

    @Test
    void aSqlTableIsACopy() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(List.of("1")));
        ReadOnlySql.Table table = new ReadOnlySql.Table(List.of("n"), rows);
        rows.get(0).set(0, "changed");
        rows.add(List.of("2"));
        assertThat(table.rows()).containsExactly(List.of("1"));
        assertThatThrownBy(() -> table.rows().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void writeFailuresSayWhetherToRetry() {
        assertThat(new AggregateWriteException("store down", true, null).isTransient()).isTrue();
        assertThat(new AggregateWriteException("bad row 3", false, null).isTransient()).isFalse();
    }
}
