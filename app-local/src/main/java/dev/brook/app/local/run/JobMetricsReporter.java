package dev.brook.app.local.run;

import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.metrics.reporter.Scheduled;

import java.util.Properties;

/**
 * A Flink metric reporter that feeds {@link JobMetrics#LOCAL}: registered with the MiniCluster's
 * configuration ({@link #configureFor}), instantiated by Flink in this JVM.
 */
public final class JobMetricsReporter implements MetricReporter, Scheduled {

    static final String NAME = "brook";

    @Override
    public void open(MetricConfig config) {
        // Nothing to open: the totals live in JobMetrics.LOCAL.
    }

    @Override
    public void close() {
        // The totals stay readable after the job ends (the summary is printed then).
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        JobMetrics.LOCAL.added(metric, metricName);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        JobMetrics.LOCAL.removed(metric);
    }

    @Override
    public void report() {
        JobMetrics.LOCAL.observeCheckpoints(System.currentTimeMillis());
    }

    /** Flink finds reporters through factories listed in META-INF/services. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobMetricsReporter();
        }
    }

    /** Adds this reporter to a MiniCluster configuration, polling checkpoints every {@code intervalMillis}. */
    public static void configureFor(org.apache.flink.configuration.Configuration config, long intervalMillis) {
        config.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
        config.setString("metrics.reporter." + NAME + ".interval", intervalMillis + " ms");
    }
}
