package dev.brook.adapters.flink.testing;

import dev.brook.pulsar.embedded.EmbeddedPulsar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The one embedded broker the ITs of this module share: started on first use, stopped by its own shutdown hook. */
public final class SharedEmbeddedBroker {

    private static EmbeddedPulsar broker;

    private SharedEmbeddedBroker() {
    }

    public static synchronized EmbeddedPulsar get() {
        if (broker == null) {
            try {
                broker = EmbeddedPulsar.start(EmbeddedPulsar.newScratchDataDir(Path.of("target")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a data directory for the embedded broker under target/", e);
            }
        }
        return broker;
    }
}
