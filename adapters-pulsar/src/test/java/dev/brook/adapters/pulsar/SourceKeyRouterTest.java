package dev.brook.adapters.pulsar;

import dev.brook.core.domain.model.SourceId;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.TopicMetadata;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceKeyRouterTest {

    private static final TopicMetadata GROWN_TO_EIGHT = () -> 8;

    @Test
    void anEnvelopeGoesToThePartitionItWasGroupedForAfterTheTopicGainedPartitions() {
        SourceKeyRouter router = new SourceKeyRouter(4);
        int moved = 0;
        for (int index = 0; index < 1_000; index++) {
            String key = SourceId.ofIndex(index).value();
            int groupedFor = SourcePartitioner.partitionOfKey(key, 4);
            assertThat(router.choosePartition(keyed(key), GROWN_TO_EIGHT)).as(key).isEqualTo(groupedFor);
            if (SourcePartitioner.partitionOfKey(key, 8) != groupedFor) {
                moved++;
            }
        }
        assertThat(moved).as("sources the grown count would have moved").isPositive();
    }

    @Test
    void anEnvelopeWithoutAKeyAndANonPositiveCountAreRefused() {
        assertThatThrownBy(() -> new SourceKeyRouter(4).choosePartition(keyed(null), GROWN_TO_EIGHT))
                .hasMessageContaining("without a source-id key");
        assertThatThrownBy(() -> new SourceKeyRouter(0)).hasMessageContaining("partition count 0");
    }

    /** A message with only a key; the router reads nothing else. */
    private static Message<?> keyed(String key) {
        return (Message<?>) Proxy.newProxyInstance(Message.class.getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hasKey" -> key != null;
                    case "getKey" -> key;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
