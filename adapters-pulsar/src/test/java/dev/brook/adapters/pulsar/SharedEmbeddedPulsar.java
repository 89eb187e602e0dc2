package dev.brook.adapters.pulsar;

import dev.brook.pulsar.embedded.EmbeddedPulsar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one broker all ITs of this module share (started on first use, stopped by its shutdown hook), or an
 * external one when {@code -Dbrook.pulsar.service-url=pulsar://…} (and optionally
 * {@code -Dbrook.pulsar.admin-url=http://…}) is given.
 */
final class SharedEmbeddedPulsar {

    private static PulsarConnection connection;

    private SharedEmbeddedPulsar() {
    }

    static synchronized PulsarConnection connection() {
        if (connection == null) {
            connection = start();
        }
        return connection;
    }

    private static PulsarConnection start() {
        String external = System.getProperty("brook.pulsar.service-url");
        if (external != null && !external.isBlank()) {
            String admin = System.getProperty("brook.pulsar.admin-url");
            return admin == null ? PulsarConnection.ofServiceUrl(external) : new PulsarConnection(external, admin);
        }
        try {
            Path dataDir = EmbeddedPulsar.newScratchDataDir(Path.of("target"));
            EmbeddedPulsar pulsar = EmbeddedPulsar.start(dataDir);
            System.out.println("Shared embedded Pulsar for the ITs: " + pulsar + ", started in "
                    + pulsar.startupTime().toMillis() + " ms");
            return new PulsarConnection(pulsar.serviceUrl(), pulsar.httpUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
