package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EventGeneratorTest {

    private static final long T0 = 1_704_067_200_000L;

    private static List<Event> generate(GeneratorSettings settings, int count) {
        EventGenerator generator = new EventGenerator(settings);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    static List<String> profiles() {
        return DomainProfiles.names();
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        GeneratorSettings settings = new GeneratorSettings(42, 10_000, DomainProfiles.byName("iot"), T0, 1_000, 250);
        List<Event> first = generate(settings, 5_000);
        assertThat(generate(settings, 5_000)).isEqualTo(first);
        List<Event> otherSeed = generate(new GeneratorSettings(43, 10_000, DomainProfiles.byName("iot"), T0, 1_000, 250), 5_000);
        assertThat(otherSeed).isNotEqualTo(first);
        long same = 0;
        for (int i = 0; i < first.size(); i++) {
            same += first.get(i).equals(otherSeed.get(i)) ? 1 : 0;
        }
        assertThat(same).as("events equal at the same position across seeds").isZero();
    }

    @Test
    void aFixedEventPinsTheSequenceAcrossMachinesAndVersions() {
        // SplittableRandom's sequence is specified by the JDK, so this event is the same on every machine.
        // If it changes, replays of old runs change: do it on purpose only.
        Event first = new EventGenerator(GeneratorSettings.defaults(1, T0)).next();
        assertThat(first.sourceId().value()).isEqualTo("source-0002926");
        assertThat(first.eventType()).isEqualTo("humidity_sensor");
        assertThat(first.customerId()).isEqualTo("cust-000292");
        assertThat(first.siteId()).isEqualTo("site-00029");
        assertThat(first.eventTimeMillis()).isEqualTo(T0);
        assertThat(first.temperature()).isEqualTo(35.25788783823522);
        assertThat(first.packetsSent()).isEqualTo(645);
        assertThat(first.status()).isEqualTo(EventStatus.ONLINE);
    }

    @Test
    void idsCoverTheWholePoolAndNothingElse() {
        for (int poolSize : new int[] {GeneratorSettings.DEFAULT_SOURCE_COUNT, 17_000, 1}) {
            GeneratorSettings settings = new GeneratorSettings(7, poolSize, DomainProfiles.byName("iot"), T0, 50_000, 0);
            EventGenerator generator = new EventGenerator(settings);
            BitSet seen = new BitSet(poolSize);
            // ~25 events per source: the chance that a given source is never drawn is e^-25.
            for (int i = 0; i < poolSize * 25; i++) {
                int index = generator.next().sourceId().index();
                assertThat(index).isBetween(0, poolSize - 1);
                seen.set(index);
            }
            assertThat(seen.cardinality()).as("sources seen of a pool of %d", poolSize).isEqualTo(poolSize);
        }
    }

    @Test
    void customerAndSiteFollowTheSourceAndEachSourceKeepsItsTypeAndPlace() {
        Map<SourceId, Event> firstOfSource = new HashMap<>();
        for (Event event : generate(new GeneratorSettings(5, 500, DomainProfiles.byName("iot"), T0, 1_000, 0), 20_000)) {
            int index = event.sourceId().index();
            assertThat(event.customerId()).isEqualTo(String.format("cust-%06d", index / 10));
            assertThat(event.siteId()).isEqualTo(String.format("site-%05d", index / 100));
            Event first = firstOfSource.putIfAbsent(event.sourceId(), event);
            if (first != null) {
                assertThat(event.eventType()).isEqualTo(first.eventType());
                assertThat(event.latitude()).isCloseTo(first.latitude(), within(0.01));
                assertThat(event.longitude()).isCloseTo(first.longitude(), within(0.01));
                assertThat(event.altitude()).isEqualTo(first.altitude());
            }
        }
        assertThat(firstOfSource).hasSize(500);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyProfileUsesItsTwentyTypesAndKeepsValuesInItsRanges(String name) {
        DomainProfile profile = DomainProfiles.byName(name);
        List<Event> events = generate(new GeneratorSettings(9, 10_000, profile, T0, 50_000, 0), 60_000);
        Set<String> types = new HashSet<>();
        Map<Metric, double[]> seen = new EnumMap<>(Metric.class);
        for (Event event : events) {
            types.add(event.eventType());
            for (Metric metric : Metric.all()) {
                double value = metric.valueOf(event);
                ValueRange range = profile.range(metric);
                // error_count gets +1 on error status (an error event has had at least one error).
                double max = metric == Metric.ERROR_COUNT ? range.max() + 1 : range.max();
                assertThat(value).as("%s %s", name, metric).isBetween(range.min(), max);
                double[] minMax = seen.computeIfAbsent(metric, m -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
                minMax[0] = Math.min(minMax[0], value);
                minMax[1] = Math.max(minMax[1], value);
            }
            if (event.status() == EventStatus.ERROR) {
                assertThat(event.errorCount()).isPositive();
            }
        }
        assertThat(types).as("event types of %s", name).hasSize(DomainProfile.EVENT_TYPES_PER_PROFILE)
                .containsExactlyInAnyOrderElementsOf(profile.eventTypes());
        // The draws spread over each range rather than sticking to one value.
        for (Metric metric : Metric.all()) {
            ValueRange range = profile.range(metric);
            double width = range.max() - range.min();
            if (width > 0) {
                double[] minMax = seen.get(metric);
                assertThat(minMax[1] - minMax[0]).as("%s %s spread", name, metric).isGreaterThan(0.9 * width);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void statusWeightsAndMotionProbabilityAreHonoured(String name) {
        DomainProfile profile = DomainProfiles.byName(name);
        int n = 100_000;
        Map<EventStatus, Integer> counts = new EnumMap<>(EventStatus.class);
        int motion = 0;
        for (Event event : generate(new GeneratorSettings(21, 10_000, profile, T0, 50_000, 0), n)) {
            counts.merge(event.status(), 1, Integer::sum);
            motion += event.motionDetected() ? 1 : 0;
        }
        double total = profile.statusWeights().stream().mapToDouble(Double::doubleValue).sum();
        for (EventStatus status : EventStatus.values()) {
            double expected = profile.statusWeights().get(status.ordinal()) / total;
            double observed = counts.getOrDefault(status, 0) / (double) n;
            // Five standard deviations of a binomial share: fails by chance about once in 3.5 million.
            double sigma = Math.sqrt(expected * (1 - expected) / n);
            assertThat(observed).as("%s share of %s", name, status).isCloseTo(expected, within(5 * sigma + 1e-12));
        }
        double p = profile.motionProbability();
        assertThat(motion / (double) n).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n) + 1e-12));
    }

    @Test
    void eventTimesFollowThePacingFormula() {
        GeneratorSettings settings = new GeneratorSettings(1, 100, DomainProfiles.byName("iot"), T0, 3, 0);
        EventGenerator generator = new EventGenerator(settings);
        // 3 events per second of event time: 0, 333, 666, 1000, 1333 ms …
        long[] expected = {T0, T0 + 333, T0 + 666, T0 + 1000, T0 + 1333, T0 + 1666, T0 + 2000};
        for (long time : expected) {
            assertThat(generator.next().eventTimeMillis()).isEqualTo(time);
        }
        assertThat(generator.generated()).isEqualTo(expected.length);
        assertThat(generator.nominalTimeOf(3_000)).isEqualTo(T0 + 1_000_000);
        // At the spec's 50,000/s, one second of event time holds 50,000 events.
        EventGenerator fast = new EventGenerator(GeneratorSettings.defaults(1, T0));
        assertThat(fast.nominalTimeOf(50_000)).isEqualTo(T0 + 1_000);
        assertThat(fast.nominalTimeOf(49_999)).isEqualTo(T0 + 999);
        // Exact over long runs: no drift from accumulating fractions.
        assertThat(fast.nominalTimeOf(50_000L * 86_400 * 365)).isEqualTo(T0 + 86_400_000L * 365);
    }

    @Test
    void outOfOrderJitterIsBoundedAndReallyReordersEvents() {
        long maxDisorder = 2_000;
        GeneratorSettings settings = new GeneratorSettings(4, 1_000, DomainProfiles.byName("iot"), T0, 1_000, maxDisorder);
        EventGenerator generator = new EventGenerator(settings);
        long previous = Long.MIN_VALUE;
        int backwards = 0;
        long largestShift = 0;
        for (int i = 0; i < 50_000; i++) {
            long nominal = generator.nominalTimeOf(i);
            long time = generator.next().eventTimeMillis();
            assertThat(time).isBetween(nominal - maxDisorder, nominal);
            largestShift = Math.max(largestShift, nominal - time);
            backwards += time < previous ? 1 : 0;
            previous = time;
        }
        assertThat(backwards).as("events older than the one before").isGreaterThan(10_000);
        assertThat(largestShift).isGreaterThan(maxDisorder * 9 / 10);
    }

    @Test
    void jitterNeverMovesTimeBeforeTheEpoch() {
        EventGenerator generator = new EventGenerator(new GeneratorSettings(2, 10, DomainProfiles.byName("iot"), 0, 1_000, 5_000));
        for (int i = 0; i < 1_000; i++) {
            assertThat(generator.next().eventTimeMillis()).isNotNegative();
        }
    }

    @Test
    void hugePoolsWorkWithoutTheIdentityCache() {
        GeneratorSettings settings = new GeneratorSettings(8, SourceId.MAX_INDEX + 1, DomainProfiles.byName("social"), T0, 10, 0);
        List<Event> events = generate(settings, 1_000);
        assertThat(events).extracting(e -> e.sourceId().index()).anySatisfy(i -> assertThat(i).isGreaterThan(2_000_000));
        assertThat(generate(settings, 1_000)).isEqualTo(events);
    }
}
