package dev.brook.app.cluster.job;

import dagger.BindsInstance;
import dagger.Component;
import dev.brook.adapters.flink.WindowAggregationJob;
import dev.brook.adapters.flink.types.DecodedMessage;
import org.apache.flink.api.connector.source.Source;

/** The cluster job's object graph, on the client that submits the job. */
@Component(modules = FlinkJobModule.class)
interface JobComponent {

    WindowAggregationJob job();

    Source<DecodedMessage, ?, ?> source();

    @Component.Factory
    interface Factory {
        JobComponent create(@BindsInstance ClusterJobSettings settings);
    }
}
