package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.WindowAggregationJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink job's entry point on Kubernetes (application mode: the job jar's main class). Wires only:
 * settings from the environment, the object graph from Dagger, the topology from the Flink adapter.
 * Cluster-wide choices (RocksDB, S3 checkpoints, the Prometheus reporter) also live in the Flink
 * configuration of the chart; what the settings name is applied here as well, so the job is the same anywhere.
 */
public final class FlinkJobMain {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkJobMain.class);

    private FlinkJobMain() {
    }

    public static void main(String[] args) throws Exception {
        ClusterJobSettings settings;
        try {
            settings = ClusterJobSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException invalid) {
            System.err.println("brook flink job: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        JobComponent component = DaggerJobComponent.factory().create(settings);
        WindowAggregationJob job = component.job();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env, component.source());
        LOG.info("submitting the Brook window aggregation job: {}, writing to {}", settings.job(), settings.clickHouse());
        env.execute("brook-window-aggregation");
    }
}
