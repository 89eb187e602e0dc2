package dev.brook.adapters.pulsar;

/** The round trip on the embedded broker (or the external one named by {@code -Dbrook.pulsar.service-url}). */
class EmbeddedPulsarPublishIT extends PublishRoundTripScenarios {

    @Override
    protected PulsarConnection connection() {
        return SharedEmbeddedPulsar.connection();
    }
}
