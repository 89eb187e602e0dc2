package dev.brook.app.local.wiring;

import dev.brook.app.local.settings.InfraMode;
import dev.brook.app.local.settings.InfraSettings;
import dev.brook.app.local.settings.InfraSettings.ClickHouseServer;
import dev.brook.app.local.settings.RunSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.PulsarContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code --infra=testcontainers}: starts a Pulsar and a ClickHouse container, then the run goes on exactly as
 * with {@code --infra=external} pointed at them. The containers stop when the run ends.
 */
public final class ContainerInfra {

    static final String PULSAR_IMAGE = "apachepulsar/pulsar:4.0.7";
    static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";

    private ContainerInfra() {
    }

    /** The settings with the containers as external infrastructure; other modes pass through unchanged. */
    public static RunSettings start(RunSettings settings, Lifecycle lifecycle) {
        if (settings.infra().mode() != InfraMode.TESTCONTAINERS) {
            return settings;
        }
        if (!dockerAvailable()) {
            throw new IllegalStateException("--infra=testcontainers needs a Docker engine and none answers here;"
                    + " use --infra=embedded (the default: nothing to install) or --infra=external with your own servers");
        }
        PulsarContainer pulsar = lifecycle.closeAtEnd("Pulsar container", new PulsarContainer(DockerImageName.parse(PULSAR_IMAGE)));
        pulsar.start();
        String password = UUID.randomUUID().toString();
        ClickHouseContainer clickHouse = lifecycle.closeAtEnd("ClickHouse container",
                new ClickHouseContainer(CLICKHOUSE_IMAGE).withUsername("brook").withPassword(password));
        clickHouse.start();
        InfraSettings external = new InfraSettings(InfraMode.EXTERNAL, Optional.of(URI.create(pulsar.getPulsarBrokerUrl())),
                Optional.of(URI.create(pulsar.getHttpServiceUrl())),
                Optional.of(new ClickHouseServer(URI.create(clickHouse.getJdbcUrl()), "brook", password)));
        return new RunSettings(settings.stream(), settings.startTimeMillis(), settings.limit(), settings.windows(),
                settings.dataDir(), external, settings.dashboardPort(), settings.checkpointInterval(),
                settings.maxOutOfOrderness());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
