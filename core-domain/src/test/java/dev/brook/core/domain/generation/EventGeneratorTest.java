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
        return new EventGenerator(settings).next(count);
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
        // The spec's larger pool (17,000) and the smallest; other tests draw from the default 10,000.
        for (int poolSize : new int[] {17_000, 1}) {
            GeneratorSettings settings = new GeneratorSettings(7, poolSize, DomainProfiles.byName("iot"), T0, 50_000, 0);
            EventGenerator generator = new EventGenerator(settings);
            BitSet seen = new BitSet(poolSize);
            int lowest = Integer.MAX_VALUE;
            int highest = Integer.MIN_VALUE;
            // ~25 events per source: the chance that a given source is never drawn is e^-25.
            for (int i = 0; i < poolSize * 25; i++) {
                int index = generator.next().sourceId().index();
                lowest = Math.min(lowest, index);
                highest = Math.max(highest, index);
                seen.set(index);
            }
            assertThat(lowest).isZero();
            assertThat(highest).isEqualTo(poolSize - 1);
            assertThat(seen.cardinality()).as("sources seen of a pool of %d", poolSize).isEqualTo(poolSize);
        }
    }

    @Test
    void customerAndSiteFollowTheSourceAndEachSourceKeepsItsTypeAndPlace() {
        Map<SourceId, Event> firstOfSource = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Event event : generate(new GeneratorSettings(5, 500, DomainProfiles.byName("iot"), T0, 1_000, 0), 20_000)) {
            int index = event.sourceId().index();
            if (!event.customerId().equals(String.format("cust-%06d", index / 10))
                    || !event.siteId().equals(String.format("site-%05d", index / 100))) {
                mismatches.add("ids of " + event);
            }
            Event first = firstOfSource.putIfAbsent(event.sourceId(), event);
            if (first != null && (!event.eventType().equals(first.eventType()) || event.altitude() != first.altitude()
                    || Math.abs(event.latitude() - first.latitude()) > 0.01
                    || Math.abs(event.longitude() - first.longitude()) > 0.01)) {
                mismatches.add("type or place of " + event + " differs from " + first);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(firstOfSource).hasSize(500);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyProfileUsesItsTwentyTypesAndKeepsValuesInItsRanges(String name) {
        DomainProfile profile = DomainProfiles.byName(name);
        List<Event> events = generate(new GeneratorSettings(9, 10_000, profile, T0, 50_000, 0), 40_000);
        Set<String> types = new HashSet<>();
        Metric[] metrics = Metric.all();
        double[] lowest = new double[metrics.length];
        double[] highest = new double[metrics.length];
        java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(highest, Double.NEGATIVE_INFINITY);
        int errorEventsWithoutErrors = 0;
        for (Event event : events) {
            types.add(event.eventType());
            for (int m = 0; m < metrics.length; m++) {
                double value = metrics[m].valueOf(event);
                lowest[m] = Math.min(lowest[m], value);
                highest[m] = Math.max(highest[m], value);
            }
            if (event.status() == EventStatus.ERROR && event.errorCount() == 0) {
                errorEventsWithoutErrors++;
            }
        }
        assertThat(errorEventsWithoutErrors).isZero();
        assertThat(types).as("event types of %s", name).hasSize(DomainProfile.EVENT_TYPES_PER_PROFILE)
                .containsExactlyInAnyOrderElementsOf(profile.eventTypes());
        for (int m = 0; m < metrics.length; m++) {
            ValueRange range = profile.range(metrics[m]);
            // error_count gets +1 on error status (an error event has had at least one error).
            double max = metrics[m] == Metric.ERROR_COUNT ? range.max() + 1 : range.max();
            assertThat(lowest[m]).as("%s %s lowest", name, metrics[m]).isGreaterThanOrEqualTo(range.min());
            assertThat(highest[m]).as("%s %s highest", name, metrics[m]).isLessThanOrEqualTo(max);
            // The draws spread over each range rather than sticking to one value.
            assertThat(highest[m] - lowest[m]).as("%s %s spread", name, metrics[m])
                    .isGreaterThanOrEqualTo(0.9 * (range.max() - range.min()));
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void statusWeightsAndMotionProbabilityAreHonoured(String name) {
        DomainProfile profile = DomainProfiles.byName(name);
        int n = 50_000;
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
        long smallestShift = Long.MAX_VALUE;
        for (int i = 0; i < 50_000; i++) {
            long nominal = generator.nominalTimeOf(i);
            long time = generator.next().eventTimeMillis();
            largestShift = Math.max(largestShift, nominal - time);
            smallestShift = Math.min(smallestShift, nominal - time);
            backwards += time < previous ? 1 : 0;
            previous = time;
        }
        assertThat(backwards).as("events older than the one before").isGreaterThan(10_000);
        assertThat(smallestShift).as("events are only ever moved back").isZero();
        assertThat(largestShift).isBetween(maxDisorder * 9 / 10, maxDisorder);
    }

    @Test
    void noEventIsEarlierThanTheStartTime() {
        EventGenerator generator = new EventGenerator(new GeneratorSettings(4, 1_000, DomainProfiles.byName("iot"), T0, 1_000, 2_000));
        long earliest = Long.MAX_VALUE;
        int atTheStart = 0;
        for (int i = 0; i < 5_000; i++) {
            long time = generator.next().eventTimeMillis();
            earliest = Math.min(earliest, time);
            atTheStart += time == T0 ? 1 : 0;
        }
        assertThat(earliest).as("a run continuing another must not write into its windows").isEqualTo(T0);
        assertThat(atTheStart).as("the first two seconds' jitter is cut at the start, not dropped").isGreaterThan(1);
    }

    @Test
    void manyAtOnceEqualOneByOne() {
        GeneratorSettings settings = new GeneratorSettings(12, 300, DomainProfiles.byName("finance"), T0, 500, 100);
        EventGenerator oneByOne = new EventGenerator(settings);
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            expected.add(oneByOne.next());
        }
        EventGenerator batches = new EventGenerator(settings);
        List<Event> actual = new ArrayList<>(batches.next(100));
        actual.addAll(batches.next(0));
        actual.addAll(batches.next(150));
        assertThat(actual).isEqualTo(expected);
        assertThat(batches.generated()).isEqualTo(250);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batches.next(-1)).hasMessage("event count -1 must be ≥ 0");
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
