package dev.brook.core.domain.aggregation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * merge(a, b) equals aggregating the union — for many random event sets, random splits and random merge
 * orders. Counts, minima, maxima, times and identity must be exactly equal; sums may differ by rounding
 * (they are added in another order), at most 1e-9 relative.
 */
class WindowAccumulatorMergePropertyTest {

    private static final int SEEDS = 300;
    private static final TimeWindow WINDOW = new TimeWindow(EdgeCaseEvents.T0, EdgeCaseEvents.T0 + 60_000);

    @Test
    void mergingRandomPartsInRandomOrderEqualsAggregatingAll() {
        for (long seed = 0; seed < SEEDS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Event> events = EdgeCaseEvents.ofOneSource(random, 1 + random.nextInt(300));
            WindowAccumulator whole = new WindowAccumulator();
            events.forEach(whole::add);

            List<WindowAccumulator> parts = split(events, 1 + random.nextInt(8), random);
            WindowAccumulator merged = mergeInRandomOrder(parts, random);

            assertEquivalent(merged, whole, "seed " + seed);
        }
    }

    @Test
    void mergeIsCommutativeAndAssociativeOnTheExactFields() {
        for (long seed = 0; seed < SEEDS; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + 1);
            List<WindowAccumulator> parts = split(EdgeCaseEvents.ofOneSource(random, 3 + random.nextInt(60)), 3, random);
            WindowAccumulator a = parts.get(0), b = parts.get(1), c = parts.get(2);
            assertEquivalent(WindowAccumulator.merge(a, b), WindowAccumulator.merge(b, a), "commutative, seed " + seed);
            assertEquivalent(WindowAccumulator.merge(WindowAccumulator.merge(a, b), c),
                    WindowAccumulator.merge(a, WindowAccumulator.merge(b, c)), "associative, seed " + seed);
        }
    }

    /** Deals the events into {@code parts} accumulators at random; some parts may stay empty. */
    private static List<WindowAccumulator> split(List<Event> events, int parts, SplittableRandom random) {
        List<WindowAccumulator> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new WindowAccumulator());
        }
        for (Event event : events) {
            out.get(random.nextInt(parts)).add(event);
        }
        return out;
    }

    /** Repeatedly merges two random accumulators of the pool, by either API, until one is left. */
    private static WindowAccumulator mergeInRandomOrder(List<WindowAccumulator> parts, SplittableRandom random) {
        List<WindowAccumulator> pool = new ArrayList<>(parts);
        while (pool.size() > 1) {
            WindowAccumulator a = pool.remove(random.nextInt(pool.size()));
            WindowAccumulator b = pool.remove(random.nextInt(pool.size()));
            pool.add(random.nextBoolean() ? WindowAccumulator.merge(a, b) : a.copy().mergeFrom(b));
        }
        return pool.get(0);
    }

    private static void assertEquivalent(WindowAccumulator actual, WindowAccumulator expected, String context) {
        assertThat(actual.eventCount()).as(context).isEqualTo(expected.eventCount());
        WindowAggregate a = actual.toAggregate(WINDOW);
        WindowAggregate e = expected.toAggregate(WINDOW);
        assertThat(a.statusCounts()).as(context).isEqualTo(e.statusCounts());
        assertThat(a.motionCount()).as(context).isEqualTo(e.motionCount());
        assertThat(a.firstEventTimeMillis()).as(context).isEqualTo(e.firstEventTimeMillis());
        assertThat(a.lastEventTimeMillis()).as(context).isEqualTo(e.lastEventTimeMillis());
        assertThat(List.of(a.sourceId(), a.eventType(), a.customerId(), a.siteId())).as(context)
                .isEqualTo(List.of(e.sourceId(), e.eventType(), e.customerId(), e.siteId()));
        for (Metric metric : Metric.all()) {
            MetricStats as = a.stats(metric);
            MetricStats es = e.stats(metric);
            // Bit-exact (Double.compare): -0.0 and 0.0 are different answers.
            assertThat(Double.compare(as.min(), es.min())).as("%s %s min %s vs %s", context, metric, as.min(), es.min()).isZero();
            assertThat(Double.compare(as.max(), es.max())).as("%s %s max %s vs %s", context, metric, as.max(), es.max()).isZero();
            double tolerance = 1e-9 * Math.max(Math.abs(es.sum()), sumOfMagnitudesBound(e, metric));
            assertThat(as.sum()).as("%s %s sum", context, metric).isCloseTo(es.sum(), org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    /**
     * Rounding error of a sum in any order is bounded relative to the sum of magnitudes, not to the sum
     * (which may cancel to near zero); max(|min|, |max|) × count bounds that.
     */
    private static double sumOfMagnitudesBound(WindowAggregate aggregate, Metric metric) {
        MetricStats stats = aggregate.stats(metric);
        return Math.max(Math.abs(stats.min()), Math.abs(stats.max())) * aggregate.eventCount();
    }
}
