package dev.brook.pulsar.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real broker: admin REST answers, a topic survives a restart, a failed start leaves no threads. */
class EmbeddedPulsarIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsOnFreeLoopbackPortsAndKeepsTopicsAcrossARestart(@TempDir Path dataDir) throws Exception {
        String firstServiceUrl;
        try (EmbeddedPulsar pulsar = EmbeddedPulsar.start(dataDir)) {
            System.out.println("embedded broker start-up: " + pulsar.startupTime().toMillis() + " ms");
            firstServiceUrl = pulsar.serviceUrl();
            assertThat(pulsar.serviceUrl()).matches("pulsar://127\\.0\\.0\\.1:\\d+");
            assertThat(pulsar.httpUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(get(pulsar.httpUrl() + "/admin/v2/clusters").body()).contains("brook-embedded");
            assertThat(get(pulsar.httpUrl() + "/admin/v2/namespaces/public").body()).contains("public/default");
            HttpResponse<String> created = send(HttpRequest.newBuilder(
                    URI.create(pulsar.httpUrl() + "/admin/v2/persistent/public/default/kept/partitions"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("3")).build());
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 299);
        }
        try (EmbeddedPulsar again = EmbeddedPulsar.start(dataDir)) {
            System.out.println("embedded broker restart: " + again.startupTime().toMillis() + " ms (first was "
                    + firstServiceUrl + ", now " + again.serviceUrl() + ")");
            assertThat(get(again.httpUrl() + "/admin/v2/persistent/public/default/kept/partitions").body())
                    .contains("\"partitions\":3");
        }
    }

    @Test
    void aFailedStartNamesTheDirectoryAndLeavesNoThreadsBehind(@TempDir Path dataDir) throws Exception {
        Set<Thread> before = nonDaemonThreads();
        // The bookie and most of the broker start; binding the web port, taken here, fails late in the start.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedPulsar.start(dataDir, Map.of("webServicePort", String.valueOf(taken.getLocalPort()))))
                    .isInstanceOf(EmbeddedPulsarException.class)
                    .hasMessageContaining("failed to start in " + dataDir);
        }

        Set<Thread> left = nonDaemonThreads();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!before.containsAll(left) && System.nanoTime() < deadline) {
            Thread.sleep(100); // pools finish their last task after shutdown
            left = nonDaemonThreads();
        }
        left.removeAll(before);
        assertThat(left.stream().map(Thread::getName).collect(Collectors.toList())).isEmpty();
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> EmbeddedPulsar.start(notADirectory))
                .isInstanceOf(EmbeddedPulsarException.class)
                .hasMessageContaining("failed to start in " + notADirectory);
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(response.statusCode()).as(url + " → " + response.body()).isEqualTo(200);
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
