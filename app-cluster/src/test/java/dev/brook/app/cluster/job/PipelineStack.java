package dev.brook.app.cluster.job;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.adapters.flink.sink.AggregateSinkFactory;
import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.adapters.pulsar.PulsarEventPublisher;
import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.adapters.pulsar.PulsarTopicAdmin;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.pulsar.embedded.EmbeddedPulsar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The infrastructure every job IT of this module shares, started once per JVM: an embedded Pulsar broker
 * (or an external one with {@code -Dbrook.pulsar.service-url=pulsar://…} and {@code -Dbrook.pulsar.admin-url=http://…})
 * and the embedded ClickHouse engine (chDB allows one data directory per process; tests isolate themselves
 * in a database each). Both stop with the JVM.
 */
public final class PipelineStack {

    private static final Path CHDB_DIR = Path.of("target", "chdb-job-it").toAbsolutePath();
    private static PulsarConnection pulsar;
    private static final Map<String, ClickHouseStore> STORES = new HashMap<>();

    private PipelineStack() {
    }

    public static synchronized PulsarConnection pulsar() {
        if (pulsar == null) {
            String external = System.getProperty("brook.pulsar.service-url");
            if (external != null && !external.isBlank()) {
                pulsar = new PulsarConnection(external, System.getProperty("brook.pulsar.admin-url", "http://localhost:8080"));
            } else {
                try {
                    EmbeddedPulsar broker = EmbeddedPulsar.start(EmbeddedPulsar.newScratchDataDir(Path.of("target")));
                    System.out.println("job ITs: embedded Pulsar " + broker + " started in " + broker.startupTime().toMillis() + " ms");
                    pulsar = new PulsarConnection(broker.serviceUrl(), broker.httpUrl());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return pulsar;
    }

    /** The store of one test's database, opened once (migrations included). */
    public static synchronized ClickHouseStore store(String database) {
        return STORES.computeIfAbsent(database, db -> ClickHouseStore.open(ClickHouseSettings.embedded(CHDB_DIR).withDatabase(db)));
    }

    /** Sinks into the shared store of {@code database}; closing a sink leaves the store open for the test to read. */
    public static AggregateSinkFactory sinkFactory(String database) {
        return () -> store(database).sink();
    }

    /** Every aggregate stored in {@code database}, each (source, window) once. */
    public static List<WindowAggregate> storedAggregates(String database) {
        ClickHouseStore store = store(database);
        return store.queries().latest((int) Math.max(1, store.queries().countAggregates()));
    }

    public static void createTopic(String topic, int partitions) {
        try (PulsarTopicAdmin admin = new PulsarTopicAdmin(pulsar())) {
            admin.ensureTopic(topic, partitions);
        }
    }

    /** Publishes through Brook's publisher (one Avro envelope per message, Pulsar's batching off) and waits for acks. */
    public static void publish(String topic, Iterable<Event> events) throws InterruptedException {
        try (PulsarEventPublisher publisher = PulsarEventPublisher.connect(pulsar(), PulsarPublisherSettings.defaults(topic))) {
            for (Event event : events) {
                publisher.publish(event);
            }
            publisher.flush();
        }
    }
}
