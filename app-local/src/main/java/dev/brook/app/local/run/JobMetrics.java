package dev.brook.app.local.run;

import dev.brook.adapters.flink.sink.SinkMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local job's Flink metrics as this JVM sees them: {@link JobMetricsReporter}, which Flink's
 * MiniCluster instantiates in this same process, hands every counter, gauge and histogram here; the
 * status line reads totals by metric name, the summary the values of the sink's
 * {@link SinkMetrics#WINDOW_STORED_LAG_MILLIS} histograms.
 *
 * <p>A counter that goes away (its task finished or restarted) keeps counting towards the total with its
 * last value, so totals never run backwards when the job drains at the end.
 */
public final class JobMetrics {

    /** The one instance of this JVM: the MiniCluster runs in-process, so its reporter and the app meet here. */
    public static final JobMetrics LOCAL = new JobMetrics();

    static final String LAST_COMPLETED_CHECKPOINT_ID = "lastCompletedCheckpointId";

    private final Map<Counter, String> liveCounters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retiredTotals = new ConcurrentHashMap<>();
    private final Map<Gauge<?>, String> gauges = new ConcurrentHashMap<>();
    private final Map<Histogram, String> liveHistograms = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> retiredHistogramValues = new ConcurrentHashMap<>();
    private volatile long lastCheckpointId = -1;
    private volatile long lastCheckpointSeenAtMillis = -1;

    JobMetrics() {
    }

    void added(Metric metric, String name) {
        if (metric instanceof Counter counter) {
            liveCounters.put(counter, name);
        } else if (metric instanceof Gauge<?> gauge && name.equals(LAST_COMPLETED_CHECKPOINT_ID)) {
            gauges.put(gauge, name);
        } else if (metric instanceof Histogram histogram && name.equals(SinkMetrics.WINDOW_STORED_LAG_MILLIS)) {
            // Only the histogram the summary reads: a finished task's values are kept, the job has other histograms.
            liveHistograms.put(histogram, name);
        }
    }

    void removed(Metric metric) {
        if (metric instanceof Counter counter) {
            String name = liveCounters.remove(counter);
            if (name != null) {
                retiredTotals.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(counter.getCount());
            }
        } else if (metric instanceof Gauge<?> gauge) {
            gauges.remove(gauge);
        } else if (metric instanceof Histogram histogram) {
            String name = liveHistograms.remove(histogram);
            if (name != null) {
                List<Long> retired = retiredHistogramValues.computeIfAbsent(name, n -> new ArrayList<>());
                long[] values = histogram.getStatistics().getValues();
                synchronized (retired) {
                    for (long value : values) {
                        retired.add(value);
                    }
                }
            }
        }
    }

    /** Looks at the checkpoint gauge; a new completed checkpoint id is stamped with {@code nowMillis}. */
    void observeCheckpoints(long nowMillis) {
        for (Gauge<?> gauge : gauges.keySet()) {
            Object value = gauge.getValue();
            if (value instanceof Number id && id.longValue() > lastCheckpointId) {
                lastCheckpointId = id.longValue();
                lastCheckpointSeenAtMillis = nowMillis;
            }
        }
    }

    /** The sum of every counter of this name, finished ones included. */
    public long total(String counterName) {
        long total = retiredTotals.getOrDefault(counterName, new AtomicLong()).get();
        for (Map.Entry<Counter, String> entry : liveCounters.entrySet()) {
            if (entry.getValue().equals(counterName)) {
                total += entry.getKey().getCount();
            }
        }
        return total;
    }

    /**
     * The values every histogram of this name holds (each keeps its latest ones), finished ones included, in no
     * particular order.
     */
    public List<Long> values(String histogramName) {
        List<Long> values = new ArrayList<>();
        List<Long> retired = retiredHistogramValues.get(histogramName);
        if (retired != null) {
            synchronized (retired) {
                values.addAll(retired);
            }
        }
        for (Map.Entry<Histogram, String> entry : liveHistograms.entrySet()) {
            if (entry.getValue().equals(histogramName)) {
                for (long value : entry.getKey().getStatistics().getValues()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** When the reporter first saw the latest completed checkpoint (within its reporting interval). */
    public OptionalLong lastCheckpointAtMillis() {
        long at = lastCheckpointSeenAtMillis;
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Forgets everything: a new job starts counting from zero. */
    public void reset() {
        liveCounters.clear();
        retiredTotals.clear();
        gauges.clear();
        liveHistograms.clear();
        retiredHistogramValues.clear();
        lastCheckpointId = -1;
        lastCheckpointSeenAtMillis = -1;
    }
}
