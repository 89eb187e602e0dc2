package dev.brook.app.local.wiring;

import dagger.Module;
import dagger.Provides;
import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.adapters.flink.JobSettings;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.app.local.settings.RunSettings;

/** The Flink adapter: the window aggregation job for the local MiniCluster, configured from the run's settings. */
@Module
public interface FlinkModule {

    @Provides
    static JobSettings jobSettings(RunSettings settings, PulsarConnection pulsar, DataLayout layout) {
        return JobSettings.builder(pulsar.serviceUrl(), pulsar.adminUrl())
                .topic(layout.topic())
                .windowSize(settings.windows().size())
                .maxOutOfOrderness(settings.maxOutOfOrderness())
                .checkpointInterval(settings.checkpointInterval())
                .checkpointDirectory(layout.checkpoints().toUri().toString())
                .build();
    }

    /** The job's sinks open the app's store on the task manager (here: this JVM, the store already open). */
    @Provides
    static AggregateSinkFactory aggregateSinkFactory(StoreLocation location) {
        return new StoreSinkFactory(location);
    }

    @Provides
    static WindowAggregationJob job(JobSettings settings, AggregateSinkFactory aggregateSinks, DataLayout layout) {
        return new WindowAggregationJob(settings, aggregateSinks,
                new DeadLetterFile.Factory(layout.deadLetters().toString()));
    }
}
