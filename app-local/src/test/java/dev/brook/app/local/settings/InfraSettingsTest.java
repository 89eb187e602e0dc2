package dev.brook.app.local.settings;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InfraSettingsTest {

    private static final Optional<InfraSettings.ClickHouseServer> SERVER = Optional.of(
            new InfraSettings.ClickHouseServer(URI.create("jdbc:clickhouse://ch:8123"), "brook", "secret"));

    @Test
    void aPlainBrokerIsAdministeredOverHttpOnItsHost() {
        assertThat(external("pulsar://broker:6650", Optional.empty()).pulsarAdminUrl())
                .contains(URI.create("http://broker:8080"));
    }

    @Test
    void aTlsBrokerIsAdministeredOverHttpsOnItsHost() {
        assertThat(external("pulsar+ssl://broker:6651", Optional.empty()).pulsarAdminUrl())
                .contains(URI.create("https://broker:8443"));
    }

    @Test
    void aGivenAdminUrlIsKept() {
        assertThat(external("pulsar+ssl://broker:6651", Optional.of(URI.create("https://admin:9443"))).pulsarAdminUrl())
                .contains(URI.create("https://admin:9443"));
    }

    private static InfraSettings external(String pulsarUrl, Optional<URI> adminUrl) {
        return new InfraSettings(InfraMode.EXTERNAL, Optional.of(URI.create(pulsarUrl)), adminUrl, SERVER);
    }
}
