package dev.brook.app.cluster.job;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.types.DecodedMessage;
import dev.brook.adapters.flink.PulsarSources;
import org.apache.flink.api.connector.source.Source;

/** The Flink adapter for the cluster: the job, its Pulsar source and its port factories. */
@Module
interface FlinkJobModule {

    @Provides
    static WindowAggregationJob job(ClusterJobSettings settings) {
        return new WindowAggregationJob(settings.job(), new ClickHouseSinkFactory(settings.clickHouse()),
                new PulsarDeadLetters(settings.job().serviceUrl(), settings.job().adminUrl(), settings.deadLetterTopic()));
    }

    @Provides
    static Source<DecodedMessage, ?, ?> source(ClusterJobSettings settings) {
        return PulsarSources.unbounded(settings.job());
    }
}
