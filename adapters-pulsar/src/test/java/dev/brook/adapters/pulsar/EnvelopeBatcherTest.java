package dev.brook.adapters.pulsar;

import dev.brook.adapters.pulsar.EnvelopeBatcher.Envelope;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeBatcherTest {

    private static Event of(int source, long time) {
        return EventBuilder.valid().source(source).time(time).build();
    }

    @Test
    void anEnvelopeIsCompleteAtMaxEventsAndKeepsArrivalOrder() {
        EnvelopeBatcher batcher = new EnvelopeBatcher(1, 3);

        assertThat(batcher.add(of(1, 1), 0)).isNull();
        assertThat(batcher.add(of(2, 2), 0)).isNull();
        Envelope full = batcher.add(of(1, 3), 0);

        assertThat(full).isNotNull();
        assertThat(full.events()).extracting(Event::eventTimeMillis).containsExactly(1L, 2L, 3L);
        assertThat(full.key().value()).isEqualTo("source-0000001");
        assertThat(batcher.buffered()).isZero();
    }

    @Test
    void eventsAreGroupedByThePartitionOfTheirSource() {
        int partitions = 4;
        EnvelopeBatcher batcher = new EnvelopeBatcher(partitions, 1_000);
        for (int source = 0; source < 200; source++) {
            batcher.add(of(source, source), 0);
        }

        List<Envelope> envelopes = batcher.drainAll();

        assertThat(envelopes).hasSize(partitions);
        for (Envelope envelope : envelopes) {
            assertThat(envelope.events()).allSatisfy(e ->
                    assertThat(SourcePartitioner.partitionOf(e.sourceId(), partitions)).isEqualTo(envelope.partition()));
            assertThat(SourcePartitioner.partitionOf(envelope.key(), partitions)).isEqualTo(envelope.partition());
            assertThat(envelope.events()).extracting(Event::eventTimeMillis).isSorted();
        }
        assertThat(envelopes.stream().mapToInt(e -> e.events().size()).sum()).isEqualTo(200);
        assertThat(batcher.buffered()).isZero();
    }

    @Test
    void onlyEnvelopesOpenedLongEnoughAgoAreDueByAge() {
        EnvelopeBatcher batcher = new EnvelopeBatcher(64, 100);
        Event early = of(1, 1);
        Event late = sourceOnAnotherPartition(early, 64);
        batcher.add(early, 1_000);
        batcher.add(late, 6_000);

        List<Envelope> due = batcher.drainOlderThan(10_000, 5_000);

        assertThat(due).singleElement().satisfies(e -> assertThat(e.events()).containsExactly(early));
        assertThat(batcher.buffered()).isEqualTo(1);
        assertThat(batcher.drainOlderThan(11_000, 5_000)).singleElement()
                .satisfies(e -> assertThat(e.events()).containsExactly(late));
    }

    @Test
    void anEnvelopeAgeCountsFromItsFirstEvent() {
        EnvelopeBatcher batcher = new EnvelopeBatcher(1, 100);
        batcher.add(of(1, 1), 0);
        batcher.add(of(1, 2), 9_000);

        assertThat(batcher.drainOlderThan(10_000, 10_000)).singleElement()
                .satisfies(e -> assertThat(e.events()).hasSize(2));
    }

    @Test
    void drainingAnEmptyBatcherGivesNothing() {
        EnvelopeBatcher batcher = new EnvelopeBatcher(3, 10);
        assertThat(batcher.drainAll()).isEmpty();
        assertThat(batcher.drainOlderThan(Long.MAX_VALUE, 0)).isEmpty();
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new EnvelopeBatcher(0, 10)).hasMessageContaining("partition count 0");
        assertThatThrownBy(() -> new EnvelopeBatcher(1, 0)).hasMessageContaining("max events per envelope 0");
        assertThatThrownBy(() -> new Envelope(0, new ArrayList<>())).hasMessageContaining("at least one event");
    }

    private static Event sourceOnAnotherPartition(Event first, int partitions) {
        int home = SourcePartitioner.partitionOf(first.sourceId(), partitions);
        for (int source = 2; ; source++) {
            Event candidate = of(source, 2);
            if (SourcePartitioner.partitionOf(candidate.sourceId(), partitions) != home) {
                return candidate;
            }
        }
    }
}
