package dev.brook.app.local.wiring;

import dev.brook.app.local.settings.InfraMode;
import dev.brook.app.local.settings.InfraSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where an external broker is administered from, as the wiring connects to it. */
class PulsarModuleTest {

    private static final Optional<InfraSettings.ClickHouseServer> SERVER = Optional.of(
            new InfraSettings.ClickHouseServer(URI.create("jdbc:clickhouse://ch:8123"), "brook", "secret"));

    @Test
    void aPlainBrokerIsAdministeredOverHttpOnItsHost() {
        assertThat(PulsarModule.external(external("pulsar://broker:6650", Optional.empty())).adminUrl())
                .isEqualTo("http://broker:8080");
    }

    @Test
    void aTlsBrokerIsAdministeredOverHttpsOnItsHost() {
        assertThat(PulsarModule.external(external("pulsar+ssl://broker:6651", Optional.empty())).adminUrl())
                .isEqualTo("https://broker:8443");
    }

    @Test
    void severalBrokersAreAdministeredOnEachOfTheirHosts() {
        assertThat(PulsarModule.external(external("pulsar://b1:6650,b2:6650", Optional.empty())).adminUrl())
                .isEqualTo("http://b1:8080,b2:8080");
    }

    @Test
    void aGivenAdminUrlIsKept() {
        assertThat(PulsarModule.external(external("pulsar+ssl://broker:6651", Optional.of(URI.create("https://admin:9443"))))
                .adminUrl()).isEqualTo("https://admin:9443");
    }

    private static InfraSettings external(String pulsarUrl, Optional<URI> adminUrl) {
        return new InfraSettings(InfraMode.EXTERNAL, Optional.of(URI.create(pulsarUrl)), adminUrl, SERVER);
    }
}
