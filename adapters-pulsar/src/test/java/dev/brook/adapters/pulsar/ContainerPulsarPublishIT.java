package dev.brook.adapters.pulsar;

import org.testcontainers.containers.PulsarContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The same round trip on Testcontainers' Pulsar; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPulsarPublishIT extends PublishRoundTripScenarios {

    @Container
    private static final PulsarContainer PULSAR = new PulsarContainer(DockerImageName.parse("apachepulsar/pulsar:4.0.7"));

    @Override
    protected PulsarConnection connection() {
        return new PulsarConnection(PULSAR.getPulsarBrokerUrl(), PULSAR.getHttpServiceUrl());
    }
}
