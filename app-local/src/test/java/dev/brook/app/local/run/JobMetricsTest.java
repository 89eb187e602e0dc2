package dev.brook.app.local.run;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JobMetricsTest {

    private final JobMetrics metrics = new JobMetrics();

    @Test
    void totalsSumEverySubtaskAndKeepWhatFinishedTasksCounted() {
        SimpleCounter first = new SimpleCounter();
        SimpleCounter second = new SimpleCounter();
        metrics.added(first, "eventsIn");
        metrics.added(second, "eventsIn");
        metrics.added(new SimpleCounter(), "lateEvents");
        first.inc(700);
        second.inc(300);

        assertThat(metrics.total("eventsIn")).isEqualTo(1_000);
        metrics.removed(first);
        assertThat(metrics.total("eventsIn")).isEqualTo(1_000);
        second.inc(5);
        assertThat(metrics.total("eventsIn")).isEqualTo(1_005);
        assertThat(metrics.total("lateEvents")).isZero();
        assertThat(metrics.total("unknown")).isZero();
    }

    @Test
    void histogramValuesComeFromEverySubtaskAndStayWhenItsTaskFinishes() {
        DescriptiveStatisticsHistogram first = new DescriptiveStatisticsHistogram(10);
        DescriptiveStatisticsHistogram second = new DescriptiveStatisticsHistogram(10);
        metrics.added(first, "windowStoredLagMillis");
        metrics.added(second, "windowStoredLagMillis");
        metrics.added(new DescriptiveStatisticsHistogram(10), "sinkBatchLatencyMillis");
        first.update(1_500);
        second.update(2_500);

        metrics.removed(first);
        second.update(3_000);

        assertThat(metrics.values("windowStoredLagMillis")).containsExactlyInAnyOrder(1_500L, 2_500L, 3_000L);
        assertThat(metrics.values("sinkBatchLatencyMillis")).isEmpty();
        metrics.reset();
        assertThat(metrics.values("windowStoredLagMillis")).isEmpty();
    }

    @Test
    void aNewCompletedCheckpointIsStampedWhenFirstSeen() {
        AtomicLong checkpointId = new AtomicLong(-1);
        metrics.added((Gauge<Long>) checkpointId::get, JobMetrics.LAST_COMPLETED_CHECKPOINT_ID);

        metrics.observeCheckpoints(1_000);
        assertThat(metrics.lastCheckpointAtMillis()).isEmpty();

        checkpointId.set(1);
        metrics.observeCheckpoints(2_000);
        metrics.observeCheckpoints(3_000);
        assertThat(metrics.lastCheckpointAtMillis()).hasValue(2_000);

        checkpointId.set(2);
        metrics.observeCheckpoints(4_000);
        assertThat(metrics.lastCheckpointAtMillis()).hasValue(4_000);

        metrics.reset();
        assertThat(metrics.lastCheckpointAtMillis()).isEmpty();
    }
}
