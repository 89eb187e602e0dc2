package dev.brook.adapters.flink.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** What the aggregate sink reports through Flink's metric system (and so to Prometheus on a cluster). */
public final class SinkMetrics {

    /** The name of {@link #windowStoredLagMillis}, for readers of the job's metrics. */
    public static final String WINDOW_STORED_LAG_MILLIS = "windowStoredLagMillis";

    final Counter aggregatesOut;
    final Counter batches;
    final Counter retries;
    final Histogram batchLatencyMillis;
    /**
     * For each batch stored, how long after the end of its newest window: event time read against the task's
     * clock, so the data's freshness where event time follows the clock (a live stream), and a replay's lag behind it.
     */
    final Histogram windowStoredLagMillis;

    SinkMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup("brook");
        aggregatesOut = group.counter("aggregatesOut");
        group.meter("aggregatesOutPerSecond", new MeterView(aggregatesOut));
        batches = group.counter("sinkBatches");
        retries = group.counter("sinkRetries");
        batchLatencyMillis = group.histogram("sinkBatchLatencyMillis", new DescriptiveStatisticsHistogram(1_000));
        windowStoredLagMillis = group.histogram(WINDOW_STORED_LAG_MILLIS, new DescriptiveStatisticsHistogram(1_000));
    }
}
