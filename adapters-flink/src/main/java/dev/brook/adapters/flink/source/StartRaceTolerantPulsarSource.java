package dev.brook.adapters.flink.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.enumerator.PulsarSourceEnumState;
import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;
import org.apache.flink.connector.pulsar.source.split.PulsarPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.util.ExceptionUtils;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * The connector's {@link PulsarSource}, with a start that does not fail over on the connector's subscription
 * set-up race.
 *
 * <p>On a start without checkpoint, the connector's enumerator subscribes, seeks and at once closes a consumer
 * per partition, all on one client. The broker answers a seek by dropping the consumer; pulsar-client 3.0.x
 * completes the seek as soon as the consumer starts to subscribe again, so the close usually lands while that
 * subscribe is in flight, and when its answer arrives the client closes the whole shared connection ("consumer
 * was closed while reconnecting"). The next partition's set-up, on that connection, then fails and the job
 * fails over — on a busy 2-core machine at nearly every start, so that ten restarts in a row were used up.
 *
 * <p>This source lets the enumerator run unchanged, but when its partition check fails with a Pulsar client
 * error it positions every partition itself ({@link SubscriptionPositioner}: one connection per partition) and
 * hands the same partitions to the enumerator again. The connector registers all partitions before setting
 * them up, so the second pass sets up nothing and only assigns the splits (connector 4.1.0; a test of the job
 * fails if a start costs a failover). No reader has a split before that, so positioning again is harmless.
 */
public final class StartRaceTolerantPulsarSource<T>
        implements Source<T, PulsarPartitionSplit, PulsarSourceEnumState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final PulsarSource<T> connector;
    private final SubscriptionPositioner positioner;

    public StartRaceTolerantPulsarSource(PulsarSource<T> connector, SubscriptionPositioner positioner) {
        this.connector = connector;
        this.positioner = positioner;
    }

    @Override
    public Boundedness getBoundedness() {
        return connector.getBoundedness();
    }

    @Override
    public SourceReader<T, PulsarPartitionSplit> createReader(SourceReaderContext readerContext) throws Exception {
        return connector.createReader(readerContext);
    }

    @Override
    public SplitEnumerator<PulsarPartitionSplit, PulsarSourceEnumState> createEnumerator(
            SplitEnumeratorContext<PulsarPartitionSplit> context) throws Exception {
        return connector.createEnumerator(new PositioningContext(context, positioner));
    }

    @Override
    public SplitEnumerator<PulsarPartitionSplit, PulsarSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<PulsarPartitionSplit> context, PulsarSourceEnumState checkpoint) throws Exception {
        return connector.restoreEnumerator(new PositioningContext(context, positioner), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<PulsarPartitionSplit> getSplitSerializer() {
        return connector.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<PulsarSourceEnumState> getEnumeratorCheckpointSerializer() {
        return connector.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return connector.getProducedType();
    }

    /** The enumerator's context, unchanged except that a failed partition check is completed as described above. */
    static final class PositioningContext implements SplitEnumeratorContext<PulsarPartitionSplit> {

        private static final Logger LOG = LoggerFactory.getLogger(StartRaceTolerantPulsarSource.class);

        private final SplitEnumeratorContext<PulsarPartitionSplit> context;
        private final SubscriptionPositioner positioner;

        PositioningContext(SplitEnumeratorContext<PulsarPartitionSplit> context, SubscriptionPositioner positioner) {
            this.context = context;
            this.positioner = positioner;
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler) {
            context.callAsync(callable, completingSetUp(handler));
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler, long initialDelay, long period) {
            context.callAsync(callable, completingSetUp(handler), initialDelay, period);
        }

        <R> BiConsumer<R, Throwable> completingSetUp(BiConsumer<R, Throwable> handler) {
            return (result, error) -> {
                try {
                    handler.accept(result, error);
                } catch (RuntimeException e) {
                    Optional<PulsarClientException> setUpFailure = ExceptionUtils.findThrowable(e, PulsarClientException.class);
                    if (error != null || !(result instanceof Set<?> partitions) || setUpFailure.isEmpty()) {
                        throw e;
                    }
                    LOG.warn("The Pulsar connector's subscription set-up failed ({}); positioning the {} partitions "
                            + "one connection each, then assigning them", setUpFailure.get().toString(), partitions.size());
                    positioner.position(partitions.stream().map(TopicPartition.class::cast).toList());
                    handler.accept(result, null);
                }
            };
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, event);
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, attemptNumber, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<PulsarPartitionSplit> newSplitAssignments) {
            context.assignSplits(newSplitAssignments);
        }

        @Override
        public void assignSplit(PulsarPartitionSplit split, int subtask) {
            context.assignSplit(split, subtask);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            context.signalNoMoreSplits(subtask);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
