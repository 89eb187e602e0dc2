package dev.brook.core.domain.contract;

import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import dev.brook.core.domain.port.out.AggregateQueries;
import dev.brook.core.domain.port.out.AggregateSink;
import dev.brook.core.domain.port.out.query.Granularity;
import dev.brook.core.domain.port.out.query.SourceActivity;
import dev.brook.core.domain.port.out.query.TimeRange;
import dev.brook.core.domain.testing.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every analytics store behind {@link AggregateSink} + {@link AggregateQueries} must do, run
 * against each real store by subclassing (one subclass per store and transport).
 *
 * <p>Each test starts from an empty store ({@link #openEmptyStore()}). The dataset's windows lie a few
 * hours before now, so a store's retention (TTL) keeps them.
 */
public abstract class AggregateStoreContract {

    /** The ports of one empty store; {@code close} releases it. */
    protected interface StoreUnderTest extends AutoCloseable {
        AggregateSink sink();

        AggregateQueries queries();

        @Override
        void close();
    }

    protected static final int SOURCES = 12;
    protected static final int WINDOWS = 130; // a little over two hours: several hour buckets

    protected StoreUnderTest store;
    protected KnownAggregates known;

    /** A store with the schema in place and no rows. */
    protected abstract StoreUnderTest openEmptyStore();

    @BeforeEach
    void openStore() {
        store = openEmptyStore();
        long threeHoursAgo = System.currentTimeMillis() - 3 * 3_600_000L;
        known = KnownAggregates.of(SOURCES, WINDOWS, threeHoursAgo - threeHoursAgo % 3_600_000L);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void writeAll(int batchSize) {
        List<WindowAggregate> rows = known.aggregates();
        for (int from = 0; from < rows.size(); from += batchSize) {
            store.sink().write(rows.subList(from, Math.min(rows.size(), from + batchSize)));
        }
    }

    @Test
    void anEmptyStoreCountsNothing() {
        assertThat(store.queries().countAggregates()).isZero();
        assertThat(store.queries().totalEvents(TimeRange.all())).isZero();
        assertThat(store.queries().latest(5)).isEmpty();
        assertThat(store.queries().topSources(TimeRange.all(), 5)).isEmpty();
    }

    @Test
    void batchesLandExactly() {
        writeAll(97);

        assertThat(store.queries().countAggregates()).isEqualTo(known.size());
        assertThat(store.queries().totalEvents(TimeRange.all())).isEqualTo(known.totalEvents(known.fullRange()));
        // Every 11th row, read back one by one (a point query per row would make the suite slow on a real store).
        for (int i = 0; i < known.size(); i += 11) {
            WindowAggregate expected = known.aggregates().get(i);
            WindowAggregate stored = store.queries().find(expected.sourceId(), expected.window()).orElseThrow(
                    () -> new AssertionError("not stored: " + expected.sourceId() + " " + expected.window()));
            KnownAggregates.assertSameAggregate(stored, expected);
        }
    }

    @Test
    void oneBatchLargerThanTheStoresBatchSizeLandsWhole() {
        store.sink().write(known.aggregates());

        assertThat(store.queries().countAggregates()).isEqualTo(known.size());
        assertThat(store.queries().totalEvents(known.fullRange())).isEqualTo(known.totalEvents(known.fullRange()));
    }

    @Test
    void anEmptyBatchChangesNothing() {
        store.sink().write(List.of());

        assertThat(store.queries().countAggregates()).isZero();
    }

    @Test
    void findAnswersEmptyForAWindowNotStored() {
        writeAll(500);
        WindowAggregate some = known.aggregates().get(0);

        assertThat(store.queries().find(some.sourceId(), new TimeWindow(some.window().startMillis() - 60_000,
                some.window().startMillis()))).isEmpty();
        assertThat(store.queries().find(SourceId.ofIndex(9_999_999), some.window())).isEmpty();
    }

    @Test
    void replayingWindowsChangesNoAnswer() {
        writeAll(250);
        List<Object> before = everyAnswer();

        // The same windows again: other batch boundaries, reverse order, and part of it a third time.
        List<WindowAggregate> reversed = new ArrayList<>(known.aggregates());
        Collections.reverse(reversed);
        for (int from = 0; from < reversed.size(); from += 333) {
            store.sink().write(reversed.subList(from, Math.min(reversed.size(), from + 333)));
        }
        store.sink().write(known.aggregates().subList(100, 200));

        assertThat(everyAnswer()).isEqualTo(before);
        assertThat(store.queries().countAggregates()).isEqualTo(known.size());
    }

    @Test
    void latestIsNewestWindowFirstThenBySource() {
        writeAll(400);

        List<WindowAggregate> latest = store.queries().latest(15);

        List<WindowAggregate> expected = known.latest(15);
        assertThat(latest).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            KnownAggregates.assertSameAggregate(latest.get(i), expected.get(i));
        }
    }

    @Test
    void totalEventsCountsTheWindowsStartingInTheRange() {
        writeAll(400);
        TimeRange range = known.minutes(10, 70);

        assertThat(store.queries().totalEvents(range)).isEqualTo(known.totalEvents(range));
        assertThat(store.queries().totalEvents(known.minutes(WINDOWS + 5, WINDOWS + 10))).isZero();
    }

    @Test
    void topSourcesByEventsInARange() {
        writeAll(400);
        TimeRange range = known.minutes(3, 47);

        assertThat(store.queries().topSources(range, 5)).isEqualTo(known.topSources(range, 5));
        assertThat(store.queries().topSources(TimeRange.all(), 100)).isEqualTo(known.topSources(known.fullRange(), 100));
        // A store may keep totals per span of windows: ranges within one span, across one edge, off the minute.
        TimeRange offTheMinute = new TimeRange(known.minutes(12, 13).fromMillis() + 30_000, known.minutes(55, 56).fromMillis() + 1);
        for (TimeRange other : List.of(known.minutes(12, 17), known.minutes(20, 40), known.minutes(20, 43), offTheMinute)) {
            assertThat(store.queries().topSources(other, SOURCES)).as("%s", other).isEqualTo(known.topSources(other, SOURCES));
        }
    }

    /**
     * Ranges ending inside the newest span of ten windows while only its first windows are stored, and once its later
     * windows are: a store keeping totals per span counts no window outside the range, and none it has not stored.
     */
    @Test
    void topSourcesOfRangesEndingInsideTheNewestSpanAreExactBeforeAndAfterItsLaterWindowsArrive() {
        int stored = WINDOWS - 5;
        store.sink().write(known.in(known.minutes(0, stored)));
        List<TimeRange> ranges = List.of(known.minutes(WINDOWS - 63, WINDOWS - 3), known.minutes(WINDOWS - 8, WINDOWS - 2),
                known.minutes(WINDOWS - 10, WINDOWS + 20), known.minutes(stored - 1, stored + 1), known.minutes(3, WINDOWS - 1));
        for (TimeRange range : ranges) {
            TimeRange storedPart = new TimeRange(range.fromMillis(), Math.min(range.toMillis(), known.minutes(0, stored).toMillis()));
            assertThat(store.queries().topSources(range, SOURCES)).as("%s, %d windows stored", range, stored)
                    .isEqualTo(known.topSources(storedPart, SOURCES));
        }

        store.sink().write(known.in(known.minutes(stored, WINDOWS)));
        for (TimeRange range : ranges) {
            assertThat(store.queries().topSources(range, SOURCES)).as("%s, all stored", range)
                    .isEqualTo(known.topSources(range, SOURCES));
        }
    }

    @Test
    void topSourcesStayExactForEveryLimitWhenTheLeastActiveSourcesAreReplayedOverAndOver() {
        writeAll(250);
        // Every window of the four least active sources three more times: counted per row, they would lead.
        List<SourceActivity> ranking = known.topSources(known.fullRange(), SOURCES);
        Set<SourceId> leastActive = ranking.subList(SOURCES - 4, SOURCES).stream().map(SourceActivity::sourceId)
                .collect(Collectors.toSet());
        List<WindowAggregate> theirWindows = known.aggregates().stream().filter(a -> leastActive.contains(a.sourceId())).toList();
        for (int replay = 0; replay < 3; replay++) {
            store.sink().write(theirWindows);
        }

        TimeRange lastHour = known.minutes(WINDOWS - 60, WINDOWS);
        TimeRange unaligned = known.minutes(WINDOWS - 67, WINDOWS - 3);
        for (int limit = 1; limit <= SOURCES + 1; limit++) {
            assertThat(store.queries().topSources(known.fullRange(), limit)).as("limit %d", limit)
                    .isEqualTo(known.topSources(known.fullRange(), limit));
            assertThat(store.queries().topSources(lastHour, limit)).as("limit %d, last hour", limit)
                    .isEqualTo(known.topSources(lastHour, limit));
            assertThat(store.queries().topSources(unaligned, limit)).as("limit %d, %s", limit, unaligned)
                    .isEqualTo(known.topSources(unaligned, limit));
        }
    }

    /**
     * Ranges of a day and more, whole and cut anywhere: a store keeping totals per hour or day reads those that fit in
     * the range, so the windows that arrive after a range was asked, and a later version of one, must reach them.
     */
    @Test
    void topSourcesOverDaysStayExactAsWindowsArriveAndChange() throws InterruptedException {
        long minute = 60_000;
        long hour = 60 * minute;
        long day = 24 * hour;
        long twoDaysAgo = System.currentTimeMillis() - 2 * day;
        long midnight = twoDaysAgo - Math.floorMod(twoDaysAgo, day);
        KnownAggregates days = KnownAggregates.of(4, 27 * 60, midnight); // a UTC day and three hours of one-minute windows
        List<TimeRange> ranges = List.of(new TimeRange(midnight, midnight + day),
                new TimeRange(midnight + 7 * minute, midnight + 26 * hour + 13 * minute),
                new TimeRange(midnight - hour, midnight + day + 30 * minute),
                new TimeRange(midnight + 5 * hour + 30_000, midnight + 5 * hour + 50 * minute + 1),
                new TimeRange(midnight + 20 * hour, midnight + 27 * hour), TimeRange.all());

        long storedTo = midnight + 20 * hour + 5 * minute;
        store.sink().write(days.in(new TimeRange(midnight, storedTo)));
        for (TimeRange range : ranges) {
            TimeRange stored = new TimeRange(range.fromMillis(), Math.min(range.toMillis(), storedTo)); // each starts before storedTo
            assertThat(store.queries().topSources(range, 4)).as("%s, stored up to %d", range, storedTo)
                    .isEqualTo(days.topSources(stored, 4));
        }

        store.sink().write(days.in(new TimeRange(storedTo, Long.MAX_VALUE)));
        for (TimeRange range : ranges) {
            assertThat(store.queries().topSources(range, 4)).as("%s, all stored", range).isEqualTo(days.topSources(range, 4));
        }

        // The least active source's window at 05:20, again with a hundred more events: it leads wherever that window is.
        List<SourceActivity> ranking = days.topSources(days.fullRange(), 4);
        SourceId leastActive = ranking.get(3).sourceId();
        WindowAggregate earlier = days.in(new TimeRange(midnight + 5 * hour + 20 * minute, midnight + 5 * hour + 21 * minute))
                .stream().filter(row -> row.sourceId().equals(leastActive)).findFirst().orElseThrow();
        WindowAccumulator later = new WindowAccumulator();
        for (int event = 0; event < earlier.eventCount() + 100; event++) {
            later.add(EventBuilder.valid().source(leastActive.index()).time(earlier.window().startMillis() + event).build());
        }
        Thread.sleep(5); // a later write time: the version a store keeps
        KnownAggregates changed = days.replacing(later.toAggregate(earlier.window()));
        store.sink().write(List.of(later.toAggregate(earlier.window())));
        assertThat(changed.topSources(days.fullRange(), 1).get(0).sourceId()).as("the test's premise").isEqualTo(leastActive);
        for (TimeRange range : ranges) {
            assertThat(store.queries().topSources(range, 4)).as("%s, after a later version", range).isEqualTo(changed.topSources(range, 4));
        }
    }

    @Test
    void rollupsPerSiteAndCustomerPerMinuteAndHour() {
        writeAll(400);
        TimeRange range = known.minutes(0, 75);

        assertThat(store.queries().rollupBySite(range, Granularity.MINUTE)).isEqualTo(known.rollupBySite(range, Granularity.MINUTE));
        assertThat(store.queries().rollupBySite(range, Granularity.HOUR)).isEqualTo(known.rollupBySite(range, Granularity.HOUR));
        assertThat(store.queries().rollupByCustomer(range, Granularity.MINUTE))
                .isEqualTo(known.rollupByCustomer(range, Granularity.MINUTE));
        assertThat(store.queries().rollupByCustomer(range, Granularity.HOUR))
                .isEqualTo(known.rollupByCustomer(range, Granularity.HOUR));
    }

    /**
     * Windows shorter than a bucket are added up in it, a source seen in several of them counted once; a window as
     * long as the bucket is the bucket. The pipeline's window size is a setting (1 ms to 1 day).
     */
    @Test
    void rollupsOfWindowsShorterOrLongerThanTheBucket() {
        long start = known.fullRange().fromMillis();
        KnownAggregates twentySeconds = KnownAggregates.of(SOURCES, 9, start, Duration.ofSeconds(20));
        KnownAggregates hours = KnownAggregates.of(SOURCES, 2, start + 3_600_000L, Duration.ofHours(1));
        store.sink().write(twentySeconds.aggregates());
        store.sink().write(hours.aggregates());

        for (Granularity granularity : Granularity.values()) {
            assertThat(store.queries().rollupBySite(twentySeconds.fullRange(), granularity)).as("20 s windows by %s", granularity)
                    .isEqualTo(twentySeconds.rollupBySite(twentySeconds.fullRange(), granularity));
            assertThat(store.queries().rollupByCustomer(twentySeconds.fullRange(), granularity)).as("20 s windows by %s", granularity)
                    .isEqualTo(twentySeconds.rollupByCustomer(twentySeconds.fullRange(), granularity));
            assertThat(store.queries().rollupByCustomer(hours.fullRange(), granularity)).as("hour windows by %s", granularity)
                    .isEqualTo(hours.rollupByCustomer(hours.fullRange(), granularity));
            assertThat(store.queries().errorRate(twentySeconds.fullRange(), granularity)).as("20 s windows by %s", granularity)
                    .isEqualTo(twentySeconds.errorRate(twentySeconds.fullRange(), granularity));
        }
        long windowSitePairs = twentySeconds.aggregates().stream().map(a -> a.window().startMillis() + " " + a.siteId()).distinct().count();
        assertThat(twentySeconds.rollupBySite(twentySeconds.fullRange(), Granularity.MINUTE))
                .as("the test's premise: a minute holds several windows of a site").hasSizeLessThan((int) windowSitePairs);
    }

    @Test
    void seriesOfOneMetricOfOneSource() {
        writeAll(400);
        SourceId source = known.aggregates().get(5).sourceId();
        TimeRange range = known.minutes(20, 50);

        for (Metric metric : List.of(Metric.TEMPERATURE, Metric.BATTERY_LEVEL, Metric.CPU_USAGE, Metric.ERROR_COUNT)) {
            KnownAggregates.assertSamePoints(store.queries().series(source, metric, range), known.series(source, metric, range));
        }
        assertThat(store.queries().series(SourceId.ofIndex(9_999_999), Metric.TEMPERATURE, range)).isEmpty();
    }

    @Test
    void errorRateOverTime() {
        writeAll(400);
        TimeRange range = known.fullRange();

        assertThat(store.queries().errorRate(range, Granularity.MINUTE)).isEqualTo(known.errorRate(range, Granularity.MINUTE));
        assertThat(store.queries().errorRate(range, Granularity.HOUR)).isEqualTo(known.errorRate(range, Granularity.HOUR));
        assertThat(known.errorRate(range, Granularity.HOUR)).anySatisfy(p -> assertThat(p.errorEventCount()).isPositive());
    }

    /** Every query's answer on the dataset, for comparing before and after a replay. */
    protected List<Object> everyAnswer() {
        TimeRange all = known.fullRange();
        SourceId source = known.aggregates().get(3).sourceId();
        List<Object> answers = new ArrayList<>();
        answers.add(store.queries().countAggregates());
        answers.add(store.queries().totalEvents(all));
        answers.add(store.queries().latest(20).stream().map(a -> a.sourceId() + "@" + a.window() + "#" + a.eventCount()).toList());
        answers.add(store.queries().topSources(all, 10));
        answers.add(store.queries().rollupBySite(all, Granularity.MINUTE));
        answers.add(store.queries().rollupByCustomer(all, Granularity.HOUR));
        answers.add(store.queries().series(source, Metric.TEMPERATURE, all));
        answers.add(store.queries().errorRate(all, Granularity.MINUTE));
        return answers;
    }
}
