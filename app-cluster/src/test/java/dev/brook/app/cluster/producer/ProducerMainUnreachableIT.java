package dev.brook.app.cluster.producer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Dagger graph and Pulsar adapter, no broker behind the URL: exit 1 within the timeout, saying where. */
class ProducerMainUnreachableIT {

    @Test
    void anUnreachableBrokerExitsWithOneNamingUrlAndTopic() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long began = System.nanoTime();

        int code = ProducerMain.run(Map.of("PULSAR_URL", "pulsar://127.0.0.1:" + port, "PULSAR_TOPIC", "persistent://public/default/nowhere",
                        "PULSAR_TIMEOUT", "3s", "EVENT_COUNT", "10"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DaggerProducerComponent.factory(), null);

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pulsar://127.0.0.1:" + port, "persistent://public/default/nowhere");
        System.out.println("unreachable broker: exit 1 after " + took.toMillis() + " ms (3 s timeout, cold class loading included)");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }
}
