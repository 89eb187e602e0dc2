package dev.brook.adapters.pulsar;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PulsarConnectionTest {

    @Test
    void acceptsPulsarAndHttpUrls() {
        PulsarConnection connection = new PulsarConnection("pulsar://broker:6650", "http://broker:8080");
        assertThat(connection.serviceUrl()).isEqualTo("pulsar://broker:6650");
    }

    @Test
    void derivesTheAdminUrlFromAServiceUrl() {
        assertThat(PulsarConnection.ofServiceUrl("pulsar://pulsar-proxy.pulsar.svc:6650").adminUrl())
                .isEqualTo("http://pulsar-proxy.pulsar.svc:8080");
        assertThat(PulsarConnection.ofServiceUrl("pulsar+ssl://secure:6651").adminUrl()).isEqualTo("https://secure:8443");
    }

    /** Pulsar's clients take several brokers in one URL; the admin URL names the same hosts. */
    @Test
    void takesSeveralBrokersAsPulsarsClientsDo() {
        PulsarConnection connection = PulsarConnection.ofServiceUrl("pulsar://broker-0.pulsar:6650,broker-1.pulsar:6650");

        assertThat(connection.serviceUrl()).isEqualTo("pulsar://broker-0.pulsar:6650,broker-1.pulsar:6650");
        assertThat(connection.adminUrl()).isEqualTo("http://broker-0.pulsar:8080,broker-1.pulsar:8080");
        assertThat(PulsarConnection.ofServiceUrl("pulsar+ssl://a:6651,b:6651").adminUrl()).isEqualTo("https://a:8443,b:8443");
        assertThat(new PulsarConnection("pulsar://a:6650,b:6650", "http://a:8080,b:8080").adminUrl()).isEqualTo("http://a:8080,b:8080");
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl("pulsar://a:6650,")).hasMessageContaining("'pulsar://a:6650,' is not a URL");
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl("pulsar://a:6650,http://b:6650"))
                .hasMessageContaining("must be pulsar or pulsar+ssl://host:port (several hosts separated by commas)");
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl("pulsar://a:6650,bad host:6650")).hasMessageContaining("is not a URL");
    }

    @Test
    void refusesMissingOrMalformedUrlsNamingTheFix() {
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl(" "))
                .hasMessage("Pulsar service URL is missing: give one like pulsar://localhost:6650");
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl("http://broker:6650"))
                .hasMessageContaining("'http://broker:6650' must be pulsar or pulsar+ssl://host:port");
        assertThatThrownBy(() -> PulsarConnection.ofServiceUrl("pulsar://bad host"))
                .hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> new PulsarConnection("pulsar://b:6650", "ftp://b"))
                .hasMessageContaining("Pulsar admin URL 'ftp://b' must be http or https://host:port");
    }
}
