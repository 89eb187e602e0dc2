package dev.brook.adapters.pulsar;

import dev.brook.core.domain.port.out.PublishFailedException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No broker behind the URL: connecting fails within the operation timeout, naming the URL and the topic. */
class UnreachableBrokerIT {

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutNamingUrlAndTopic() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "pulsar://127.0.0.1:" + freePort;
        PulsarPublisherSettings settings = PulsarPublisherSettings.defaults("persistent://public/default/nowhere")
                .withOperationTimeout(Duration.ofSeconds(3));

        // Load the client's classes first: the bound is about waiting for the broker, not about class loading.
        org.apache.pulsar.client.api.PulsarClient.builder().serviceUrl(url).build().close();

        long began = System.nanoTime();
        assertThatThrownBy(() -> PulsarEventPublisher.connect(PulsarConnection.ofServiceUrl(url), settings))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("persistent://public/default/nowhere");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        System.out.println("unreachable broker reported after " + took.toMillis() + " ms");
        // Beyond the timeout: the client closing its event loops (~2 s) and a loaded CI machine.
        assertThat(took).isLessThan(settings.operationTimeout().plusSeconds(6));
    }
}
