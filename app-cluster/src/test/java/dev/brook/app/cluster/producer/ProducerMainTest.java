package dev.brook.app.cluster.producer;

import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.core.domain.port.out.EventPublisher;
import dev.brook.core.domain.produce.FakeEventPublisher;
import dev.brook.core.domain.testing.FakeTimeSource;
import dev.brook.core.domain.time.TimeSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeTimeSource time = new FakeTimeSource();
    private final AtomicInteger componentsMade = new AtomicInteger();

    private int run(Map<String, String> env, FakeEventPublisher publisher) {
        ProducerComponent.Factory components = settings -> {
            componentsMade.incrementAndGet();
            return new ProducerComponent() {
                @Override
                public EventPublisher publisher() {
                    return publisher;
                }

                @Override
                public TimeSource time() {
                    return time;
                }
            };
        };
        return ProducerMain.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), components, null);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void publishesTheCountPrintingProgressEverySecondAndASummary() {
        FakeEventPublisher publisher = new FakeEventPublisher();

        int code = run(env("MESSAGES_PER_SECOND", "1000", "EVENT_COUNT", "3000", "SEED", "5"), publisher);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(publisher.events()).hasSize(3_000);
        assertThat(publisher.closed()).isTrue();
        assertThat(printed).contains("brook producer: persistent://public/default/event-stream-data at "
                + "pulsar://pulsar-proxy.pulsar.svc.cluster.local:6650, rate 1,000/s, 10,000 sources, profile iot, seed 5");
        assertThat(printed.lines().filter(l -> l.startsWith("progress ")).count()).isBetween(2L, 3L);
        assertThat(printed).contains("summary COMPLETED: 3,000 published, 3,000 acknowledged, 0 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPublishingFailureExitsWithOne() {
        int code = run(env("MESSAGES_PER_SECOND", "max", "EVENT_COUNT", "100"), new FakeEventPublisher().failingFrom(10));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("summary FAILED: 9 published");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broker gone");
    }

    @Test
    void invalidSettingsExitWithTwoBeforeAnythingStarts() {
        assertInvalid(env("MESSAGES_PER_SECOND", "-5"), "MESSAGES_PER_SECOND='-5' is invalid: expected a positive number");
        assertInvalid(env("MESSAGES_PER_SECOND", "fast"), "MESSAGES_PER_SECOND='fast' is invalid");
        assertInvalid(env("DOMAIN_PROFILE", "weather"), "DOMAIN_PROFILE='weather' is invalid: expected one of iot, ecommerce");
        assertInvalid(env("PULSAR_URL", "http://broker:6650"), "PULSAR_URL='http://broker:6650' is invalid");
        assertInvalid(env("EVENT_SOURCE_COUNT", "0"), "EVENT_SOURCE_COUNT: source count 0 must be within 1..");
        assertInvalid(env("EVENT_COUNT", "10", "DURATION", "1m"), "EVENT_COUNT and DURATION are both set");
        assertInvalid(env("DURATION", "soon"), "DURATION='soon' is invalid: expected a duration such as 90s");
        assertInvalid(env("EVENT_COUNT", "0"), "EVENT_COUNT='0' is invalid");
        assertInvalid(env("SEED", "x"), "SEED='x' is invalid: expected a whole number");
        assertInvalid(env("ENVELOPE_MAX_EVENTS", "0"), "ENVELOPE_* / PULSAR_TIMEOUT: max events per envelope 0");
        assertInvalid(env("PULSAR_TIMEOUT", "600h"), "PULSAR_TIMEOUT: operation timeout PT600H must be within 1 ms and 1 day");
        assertInvalid(env("PULSAR_COMPRESSION", "gzip"), "PULSAR_COMPRESSION='gzip' is invalid: expected lz4 or none");
        assertThat(componentsMade).as("nothing was wired or connected").hasValue(0);
    }

    private void assertInvalid(Map<String, String> env, String message) {
        err.reset();
        assertThat(run(env, new FakeEventPublisher())).isEqualTo(2);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("brook producer: invalid setting: ").contains(message);
        assertThat(printed.lines().count()).as("one clear line").isEqualTo(1);
    }

    /** Every send in flight has ended by its timeout, with a margin for the summary; without a timeout, 30 s. */
    @Test
    void sigtermLetsTheLoopFlushForTheSendTimeoutAndAMargin() {
        PulsarPublisherSettings defaults = PulsarPublisherSettings.defaults();

        assertThat(ProducerMain.drainOnStop(defaults)).isEqualTo(defaults.sendTimeout().plusSeconds(10)).isEqualTo(Duration.ofSeconds(40));
        PulsarPublisherSettings unbounded = new PulsarPublisherSettings(defaults.topic(), defaults.maxEventsPerEnvelope(),
                defaults.maxEnvelopeDelay(), defaults.maxEventsInFlight(), Duration.ZERO, defaults.operationTimeout(),
                defaults.compression());
        assertThat(ProducerMain.drainOnStop(unbounded)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void compressionIsLz4UnlessSetToNone() {
        assertThat(ProducerSettings.fromEnvironment(Map.of(), 0, 1).publisher().compression())
                .isEqualTo(PulsarPublisherSettings.Compression.LZ4);
        assertThat(ProducerSettings.fromEnvironment(Map.of("PULSAR_COMPRESSION", "none"), 0, 1).publisher().compression())
                .isEqualTo(PulsarPublisherSettings.Compression.NONE);
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertThat(ProducerSettings.duration("250ms").toMillis()).isEqualTo(250);
        assertThat(ProducerSettings.duration("90s").toSeconds()).isEqualTo(90);
        assertThat(ProducerSettings.duration("10m").toMinutes()).isEqualTo(10);
        assertThat(ProducerSettings.duration("2h").toHours()).isEqualTo(2);
        assertThat(ProducerSettings.duration("PT1M30S").toSeconds()).isEqualTo(90);
    }
}
