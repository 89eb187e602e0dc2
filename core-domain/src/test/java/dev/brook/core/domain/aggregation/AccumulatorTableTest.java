package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.codec.EventColumns;
import dev.brook.core.domain.codec.MalformedEventException;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AccumulatorTableTest {

    @Test
    void addingToTheTableEqualsOneAccumulatorPerSource() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            // Sources spread over the id format, its extremes included; events of all of them interleaved.
            int[] sources = {0, 1, 2, 999, 1_000, 123_456, 9_999_998, 9_999_999};
            List<Event> events = new ArrayList<>();
            for (int index : sources) {
                for (Event event : EdgeCaseEvents.ofOneSource(random, 1 + random.nextInt(80))) {
                    events.add(EventBuilder.from(event).source(index).build());
                }
            }
            java.util.Collections.shuffle(events, new java.util.Random(seed));

            AccumulatorTable table = new AccumulatorTable();
            Map<SourceId, WindowAccumulator> expected = new LinkedHashMap<>();
            for (Event event : events) {
                table.add(event);
                expected.computeIfAbsent(event.sourceId(), id -> new WindowAccumulator()).add(event);
            }

            // Equal to the bit (same events, same order per source), identity included; first appearance order.
            List<WindowAccumulator> actual = new ArrayList<>();
            table.forEach(actual::add);
            assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected.values());
            assertThat(table.size()).isEqualTo(sources.length);
        }
    }

    @Test
    void addingDecodedColumnsEqualsAddingTheEvents() throws MalformedEventException {
        AvroEventCodec codec = new AvroEventCodec();
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Event> events = new ArrayList<>();
            for (int index : new int[] {0, 5, 77, 9_999_999}) {
                for (Event event : EdgeCaseEvents.ofOneSource(random, 1 + random.nextInt(60))) {
                    events.add(EventBuilder.from(event).source(index).build());
                }
            }
            java.util.Collections.shuffle(events, new java.util.Random(seed));

            AccumulatorTable fromEvents = new AccumulatorTable();
            AccumulatorTable fromColumns = new AccumulatorTable();
            // Several messages into one table, as a combiner adds them.
            for (int from = 0; from < events.size(); from += 50) {
                List<Event> message = events.subList(from, Math.min(events.size(), from + 50));
                message.forEach(fromEvents::add);
                EventColumns columns = AvroEventCodec.decodeColumns(codec.encodeBatch(message));
                for (int i = 0; i < columns.size(); i++) {
                    fromColumns.add(columns, i);
                }
            }

            List<WindowAccumulator> expected = new ArrayList<>();
            fromEvents.forEach(expected::add);
            List<WindowAccumulator> actual = new ArrayList<>();
            fromColumns.forEach(actual::add);
            assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void keepsEverySourceApartAcrossGrowth() {
        AccumulatorTable table = new AccumulatorTable();
        Map<SourceId, Long> counts = new HashMap<>();
        // Far more sources than the initial table, with gaps: each gets 1 to 3 events.
        for (int index = 0; index < 30_000; index += 3) {
            for (int n = 0; n <= index % 3 + index % 2; n++) {
                Event event = EventBuilder.valid().source(index).time(EdgeCaseEvents.T0 + n).build();
                table.add(event);
                counts.merge(event.sourceId(), 1L, Long::sum);
            }
        }

        Map<SourceId, Long> seen = new HashMap<>();
        table.forEach(accumulator -> assertThat(seen.put(accumulator.sourceId(), accumulator.eventCount())).isNull());
        assertThat(seen).isEqualTo(counts);
        assertThat(table.size()).isEqualTo(counts.size());
    }

    @Test
    void handsOutCopies() {
        AccumulatorTable table = new AccumulatorTable();
        table.add(EventBuilder.valid().source(7).time(EdgeCaseEvents.T0).build());
        table.forEach(accumulator -> accumulator.add(EventBuilder.valid().source(7).time(EdgeCaseEvents.T0 + 1).build()));

        table.forEach(accumulator -> assertThat(accumulator.eventCount()).isEqualTo(1));
    }
}
