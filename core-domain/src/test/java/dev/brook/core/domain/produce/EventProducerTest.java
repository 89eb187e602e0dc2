package dev.brook.core.domain.produce;

import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.produce.ProduceSummary.Outcome;
import dev.brook.core.domain.testing.FakeTimeSource;
import dev.brook.core.domain.time.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EventProducerTest {

    private final FakeTimeSource time = new FakeTimeSource();
    private final List<ProduceProgress> reports = new ArrayList<>();

    private ProduceSettings settings(ProduceRate rate, ProduceLimit limit) {
        return ProduceSettings.live(11L, 1_000, DomainProfiles.byName("iot"), time.currentTimeMillis(), rate, limit);
    }

    @Test
    void publishesExactlyTheGeneratorsFirstEventsAtTheRateAndReportsEverySecond() {
        ProduceSettings settings = settings(ProduceRate.perSecond(1_000), ProduceLimit.count(5_000));
        FakeEventPublisher publisher = new FakeEventPublisher();

        ProduceSummary summary = new EventProducer(settings, publisher, time, reports::add).run();

        EventGenerator replay = new EventGenerator(settings.generator());
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            expected.add(replay.next());
        }
        assertThat(publisher.events()).isEqualTo(expected);
        assertThat(summary.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.published()).isEqualTo(5_000);
        assertThat(summary.acknowledged()).isEqualTo(5_000);
        assertThat(summary.elapsedNanos() / 1e9).isCloseTo(5.0, within(0.05));
        assertThat(summary.eventsPerSecond()).isCloseTo(1_000, within(20.0));
        assertThat(summary.lastEventTimeMillis()).isEqualTo(expected.get(4_999).eventTimeMillis());
        assertThat(reports).hasSizeBetween(4, 5);
        assertThat(reports).allSatisfy(r -> assertThat(r.eventsPerSecond()).isCloseTo(1_000, within(20.0)));
        assertThat(reports).extracting(ProduceProgress::published).isSorted();
        assertThat(reports.get(0).elapsedNanos()).isBetween(1_000_000_000L, 1_010_000_000L);
    }

    /** At 0.02 events/s the wait for the second event is 50 s: a stop during it ends it within a slice. */
    @Test
    void aStopEndsALongWaitBetweenTwoEventsAtOnce() {
        FakeEventPublisher publisher = new FakeEventPublisher();
        EventProducer[] producer = new EventProducer[1];
        int[] sleeps = {0};
        TimeSource stoppingOnTheThirdSleep = time.withSleep(nanos -> {
            if (++sleeps[0] == 3) {
                producer[0].stop();
            }
            time.sleepNanos(nanos);
        });
        producer[0] = new EventProducer(settings(ProduceRate.perSecond(0.02), ProduceLimit.count(10)), publisher,
                stoppingOnTheThirdSleep, reports::add);

        ProduceSummary summary = producer[0].run();

        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.published()).isEqualTo(1);
        assertThat(publisher.events()).hasSize(1);
        assertThat(time.sleepCount()).isEqualTo(3);
        assertThat(time.sleptNanos()).isEqualTo(3 * EventProducer.STOP_CHECK_NANOS);
    }

    @Test
    void stopsAfterTheDurationAtTheRate() {
        FakeEventPublisher publisher = new FakeEventPublisher();

        ProduceSummary summary = new EventProducer(settings(ProduceRate.perSecond(2_000),
                ProduceLimit.elapsed(Duration.ofSeconds(3))), publisher, time, reports::add).run();

        assertThat(summary.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(summary.published()).isCloseTo(6_000, within(60L));
        assertThat(reports).hasSizeBetween(2, 3);
    }

    @Test
    void atMaxItNeverWaitsAndTheEventTimesKeepTheSpecPace() {
        FakeEventPublisher publisher = new FakeEventPublisher(time, Duration.ofNanos(20_000));

        ProduceSummary summary = new EventProducer(settings(ProduceRate.MAX, ProduceLimit.elapsed(Duration.ofSeconds(2))),
                publisher, time, reports::add).run();

        assertThat(time.sleepCount()).isZero();
        assertThat(summary.published()).isCloseTo(100_000, within(2L)); // 2 s of fake time at 20 µs per event
        assertThat(reports).hasSizeBetween(1, 2);
        assertThat(reports.get(0).eventsPerSecond()).isCloseTo(50_000, within(100.0));
        long span = publisher.events().get(publisher.events().size() - 1).eventTimeMillis()
                - publisher.events().get(0).eventTimeMillis();
        assertThat(span).as("100,000 events at 50,000/s of event time").isCloseTo(2_000, within(1L));
    }

    @Test
    void stopEndsTheRunAndFlushesWhatWasPublished() {
        FakeEventPublisher publisher = new FakeEventPublisher();
        EventProducer[] self = new EventProducer[1];
        EventProducer producer = new EventProducer(settings(ProduceRate.perSecond(100), ProduceLimit.untilStopped()),
                publisher, time, report -> {
                    reports.add(report);
                    if (reports.size() == 3) {
                        self[0].stop();
                    }
                });
        self[0] = producer;

        ProduceSummary summary = producer.run();

        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.published()).isCloseTo(300, within(3L));
        assertThat(summary.acknowledged()).isEqualTo(summary.published());
        assertThat(publisher.flushes()).isEqualTo(1);
    }

    @Test
    void aPublishingFailureEndsTheRunAsFailedWithTheReason() {
        FakeEventPublisher publisher = new FakeEventPublisher().failingFrom(101);

        ProduceSummary summary = new EventProducer(settings(ProduceRate.MAX, ProduceLimit.count(1_000)), publisher, time,
                reports::add).run();

        assertThat(summary.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.published()).isEqualTo(100);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("broker gone"));
        assertThat(summary.toLine()).startsWith("summary FAILED: 100 published, 100 acknowledged, 1 failed")
                .contains("broker gone");
    }

    @Test
    void anInterruptStopsTheRunAndKeepsTheFlag() throws Exception {
        FakeEventPublisher publisher = new FakeEventPublisher();
        EventProducer producer = new EventProducer(settings(ProduceRate.perSecond(1_000), ProduceLimit.untilStopped()),
                publisher, time, report -> Thread.currentThread().interrupt());

        ProduceSummary summary = producer.run();

        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        assertThat(summary.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(summary.published()).isCloseTo(1_000, within(15L));
    }

    @Test
    void progressAndSummaryLinesSayRateTotalInFlightAndErrors() {
        assertThat(new ProduceProgress(12_400_000_000L, 600_144, 596_644, 3_500, 0, 50_012.4).toLine())
                .isEqualTo("progress 12s | 50,012 events/s | total 600,144 | in flight 3,500 | errors 0");
        assertThat(new ProduceSummary(Outcome.COMPLETED, 1_000_000, 1_000_000, 0, 12_300_000_000L, 0,
                java.util.Optional.empty()).toLine())
                .isEqualTo("summary COMPLETED: 1,000,000 published, 1,000,000 acknowledged, 0 failed in 12.3 s (81,301 events/s)");
    }

    @Test
    void refusesMissingCollaboratorsAndAFailureWithoutReason() {
        ProduceSettings settings = settings(ProduceRate.MAX, ProduceLimit.count(1));
        assertThatThrownBy(() -> new EventProducer(settings, null, time, reports::add))
                .hasMessageContaining("are all required");
        assertThatThrownBy(() -> new ProduceSummary(Outcome.FAILED, 0, 0, 0, 0, 0, java.util.Optional.empty()))
                .hasMessageContaining("must say why");
    }
}
