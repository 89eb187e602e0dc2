package dev.brook.adapters.flink.window;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PartialsBySourceTest {

    @Test
    void the_same_index_always_finds_the_same_accumulator_across_growth() {
        PartialsBySource partials = new PartialsBySource();
        Map<Integer, WindowAccumulator> first = new HashMap<>();
        // Far more than the initial table, with gaps and the extremes of the seven-digit format.
        for (int index = 0; index < 20_000; index += 3) {
            first.put(index, partials.accumulatorOf(index));
        }
        first.put(9_999_999, partials.accumulatorOf(9_999_999));

        first.forEach((index, accumulator) -> assertThat(partials.accumulatorOf(index)).isSameAs(accumulator));
        assertThat(partials.size()).isEqualTo(first.size());
    }

    @Test
    void for_each_visits_every_accumulator_once() {
        PartialsBySource partials = new PartialsBySource();
        Set<WindowAccumulator> created = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int index = 5_000; index < 8_000; index++) {
            created.add(partials.accumulatorOf(index));
        }
        Set<WindowAccumulator> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        partials.forEach(accumulator -> assertThat(visited.add(accumulator)).isTrue());

        assertThat(visited).isEqualTo(created);
    }
}
