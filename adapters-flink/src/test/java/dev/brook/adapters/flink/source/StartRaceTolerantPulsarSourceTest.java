package dev.brook.adapters.flink.source;

import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.pulsar.source.enumerator.topic.TopicPartition;
import org.apache.flink.connector.pulsar.source.split.PulsarPartitionSplit;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.pulsar.client.api.PulsarClientException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartRaceTolerantPulsarSourceTest {

    private static final Set<TopicPartition> PARTITIONS = Set.of(
            new TopicPartition("persistent://public/default/events", 0), new TopicPartition("persistent://public/default/events", 1));

    private final List<List<TopicPartition>> positioned = new ArrayList<>();
    private final List<Set<TopicPartition>> handled = new ArrayList<>();
    private final StartRaceTolerantPulsarSource.PositioningContext context = new StartRaceTolerantPulsarSource.PositioningContext(
            new MockSplitEnumeratorContext<PulsarPartitionSplit>(1), partitions -> positioned.add(List.copyOf(partitions)));

    @Test
    void aSetUpThatLosesItsPulsarConnectionIsCompletedByPositioningEveryPartitionThenHandledAgain() {
        BiConsumer<Set<TopicPartition>, Throwable> connector = failingOnce(new FlinkRuntimeException(
                new PulsarClientException.ConnectException("Disconnected from server at 127.0.0.1/127.0.0.1:6650")));

        context.completingSetUp(connector).accept(PARTITIONS, null);

        assertThat(positioned).singleElement().satisfies(p -> assertThat(p).containsExactlyInAnyOrderElementsOf(PARTITIONS));
        assertThat(handled).containsExactly(PARTITIONS, PARTITIONS);
    }

    @Test
    void aSuccessfulCheckIsLeftAlone() {
        context.completingSetUp(recording()).accept(PARTITIONS, null);

        assertThat(positioned).isEmpty();
        assertThat(handled).containsExactly(PARTITIONS);
    }

    @Test
    void otherFailuresStayFailures() {
        IllegalStateException notPulsar = new IllegalStateException("Reader 3 is not registered to source coordinator");

        assertThatThrownBy(() -> context.completingSetUp(failingOnce(notPulsar)).accept(PARTITIONS, null)).isSameAs(notPulsar);
        assertThat(positioned).isEmpty();
    }

    @Test
    void aFailedListingIsNotPositioned() {
        FlinkRuntimeException listingFailed = new FlinkRuntimeException("Failed to list subscribed topic partitions",
                new PulsarClientException("lookup failed"));
        BiConsumer<Set<TopicPartition>, Throwable> connector = (partitions, error) -> {
            throw listingFailed;
        };

        assertThatThrownBy(() -> context.completingSetUp(connector).accept(null, new PulsarClientException("lookup failed")))
                .isSameAs(listingFailed);
        assertThat(positioned).isEmpty();
    }

    private BiConsumer<Set<TopicPartition>, Throwable> recording() {
        return (partitions, error) -> handled.add(partitions);
    }

    private BiConsumer<Set<TopicPartition>, Throwable> failingOnce(RuntimeException failure) {
        return (partitions, error) -> {
            handled.add(partitions);
            if (handled.size() == 1) {
                throw failure;
            }
        };
    }
}
