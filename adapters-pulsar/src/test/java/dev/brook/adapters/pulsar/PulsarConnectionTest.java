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
