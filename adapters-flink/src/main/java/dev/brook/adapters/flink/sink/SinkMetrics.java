package dev.brook.adapters.flink.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** What the aggregate sink reports through Flink's metric system (and so to Prometheus on a cluster). */
final class SinkMetrics {

    final Counter aggregatesOut;
    final Counter batches;
    final Counter retries;
    final Histogram batchLatencyMillis;

    SinkMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup("brook");
        aggregatesOut = group.counter("aggregatesOut");
        group.meter("aggregatesOutPerSecond", new MeterView(aggregatesOut));
        batches = group.counter("sinkBatches");
        retries = group.counter("sinkRetries");
        batchLatencyMillis = group.histogram("sinkBatchLatencyMillis", new DescriptiveStatisticsHistogram(1_000));
    }
}
