package dev.brook.pulsar.embedded.bootstrap;

import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.common.allocator.PoolingPolicy;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.ServiceConfiguration;
import org.apache.pulsar.broker.resources.ClusterResources;
import org.apache.pulsar.broker.resources.NamespaceResources;
import org.apache.pulsar.broker.resources.TenantResources;
import org.apache.pulsar.common.configuration.PulsarConfigurationLoader;
import org.apache.pulsar.common.naming.NamespaceName;
import org.apache.pulsar.common.policies.data.ClusterData;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.apache.pulsar.functions.worker.WorkerConfig;
import org.apache.pulsar.metadata.bookkeeper.BKCluster;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts one bookie and one broker on a RocksDB metadata store (no ZooKeeper), loopback only, on free ports.
 *
 * <p>Loaded by the launcher in an isolated class loader: its public surface uses JDK types only, so the
 * launcher calls it by reflection without seeing a Pulsar class. Inputs of {@link #start(Map)}:
 * {@code dataDir} (required) and any broker property ({@code broker.<name>}, as in broker.conf), which
 * overrides the defaults below. Outputs: {@code serviceUrl}, {@code httpUrl}, {@code bookiePort}.
 *
 * <p>Broker and web ports are new on every start; the bookie takes a free port on its first start and the
 * same one again on a restart (its identity, kept in the data directory, is host:port).
 */
public final class BrokerBootstrap implements AutoCloseable {

    public static final String CLUSTER = "brook-embedded";
    private static final String BROKER_PREFIX = "broker.";

    /**
     * Jersey warns through java.util.logging, once per REST context, that it cannot build WADL documents
     * (no JAXB): true and harmless. Held here because JUL keeps loggers only weakly.
     */
    private static final Logger WADL_LOG = quiet("org.glassfish.jersey.server.wadl.WadlFeature");

    private BKCluster bookies;
    private PulsarService broker;
    private final AtomicReference<Integer> fatalExitCode = new AtomicReference<>();

    public synchronized Map<String, String> start(Map<String, String> settings) throws Exception {
        if (broker != null) {
            throw new IllegalStateException("the embedded broker is already started");
        }
        Path dataDir = Path.of(required(settings, "dataDir", "the directory the broker keeps its data in")).toAbsolutePath();
        Path bookieDir = Files.createDirectories(dataDir.resolve("bookkeeper"));
        Path metadataDir = Files.createDirectories(dataDir.resolve("metadata"));
        String metadataUrl = "rocksdb://" + metadataDir;
        try {
            bookies = BKCluster.builder()
                    .baseServerConfiguration(bookieConfiguration(settings))
                    .metadataServiceUri(metadataUrl)
                    .numBookies(1)
                    .bkPort(0)
                    .dataDir(bookieDir.toString())
                    .clearOldData(false)
                    .build();
            ServiceConfiguration config = brokerConfiguration(metadataUrl, settings);
            broker = new PulsarService(config, new WorkerConfig(), Optional.empty(), this::onFatalError);
            broker.start();
            registerClusterAndNamespaces(config);
        } catch (Exception | Error failed) {
            // Broker and bookie threads are not daemons: stop them so a failed start cannot keep the JVM alive.
            closeQuietly(failed);
            throw failed;
        }
        Map<String, String> result = new LinkedHashMap<>();
        result.put("serviceUrl", "pulsar://127.0.0.1:" + broker.getBrokerListenPort().orElseThrow());
        result.put("httpUrl", "http://127.0.0.1:" + broker.getListenPortHTTP().orElseThrow());
        result.put("bookiePort", String.valueOf(bookies.getBsConfs().get(0).getBookiePort()));
        result.put("cluster", CLUSTER);
        return result;
    }

    /** Non-null once the broker asked to halt the process (e.g. metadata lost); we stop it instead. */
    public Integer fatalExitCode() {
        return fatalExitCode.get();
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                first = e;
            }
            broker = null;
        }
        if (bookies != null) {
            try {
                bookies.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
            bookies = null;
        }
        if (first != null) {
            throw first;
        }
    }

    private void closeQuietly(Throwable cause) {
        try {
            close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private static String required(Map<String, String> settings, String key, String what) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required: " + what);
        }
        return value;
    }

    private void onFatalError(int exitCode) {
        // The standalone broker halts the JVM here; an embedded one must not take its host process down.
        fatalExitCode.compareAndSet(null, exitCode);
        Thread stopper = new Thread(() -> closeQuietly(new IllegalStateException("fatal broker error " + exitCode)),
                "embedded-pulsar-fatal-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static ServerConfiguration bookieConfiguration(Map<String, String> settings) {
        ServerConfiguration conf = new ServerConfiguration();
        conf.setAllowEphemeralPorts(true);
        conf.setAllowLoopback(true);
        conf.setListeningInterface(loopbackInterfaceName());
        conf.setAdvertisedAddress("127.0.0.1");
        // Written to the journal (survives a process crash) but not fsynced per entry: a local and test broker.
        conf.setJournalWriteData(true);
        conf.setJournalSyncData(false);
        conf.setJournalFlushWhenQueueEmpty(true);
        conf.setJournalFormatVersionToWrite(5);
        conf.setProperty("journalPreAllocSizeMB", Integer.parseInt(required(settings, "journalPreAllocSizeMB",
                "the MB of journal the bookie allocates ahead (EmbeddedPulsar sets it)")));
        conf.setJournalRemovePagesFromCache(false);
        conf.setGcWaitTime(60_000L);
        // EmbeddedPulsar checked the disk against this before the start: it owns the figure.
        conf.setDiskUsageThreshold(Float.parseFloat(required(settings, "diskUsageThreshold",
                "the share of the disk in use at which the bookie stops writing (EmbeddedPulsar sets it)")));
        conf.setDiskUsageWarnThreshold(0.99F);
        conf.setAllocatorPoolingPolicy(PoolingPolicy.UnpooledHeap);
        // By default each of these caches takes a quarter of the direct memory of the host JVM.
        conf.setProperty("dbStorage_writeCacheMaxSizeMb", 32);
        conf.setProperty("dbStorage_readAheadCacheMaxSizeMb", 16);
        conf.setProperty("dbStorage_rocksDB_blockCacheSize", 16L * 1024 * 1024);
        conf.setEnableTaskExecutionStats(false);
        conf.setStatisticsEnabled(false);
        conf.setHttpServerEnabled(false);
        return conf;
    }

    private static ServiceConfiguration brokerConfiguration(String metadataUrl, Map<String, String> settings)
            throws Exception {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("clusterName", CLUSTER),
                Map.entry("metadataStoreUrl", metadataUrl),
                Map.entry("configurationMetadataStoreUrl", metadataUrl),
                Map.entry("bindAddress", "127.0.0.1"),
                Map.entry("advertisedAddress", "127.0.0.1"),
                Map.entry("brokerServicePort", "0"),
                Map.entry("webServicePort", "0"),
                Map.entry("managedLedgerDefaultEnsembleSize", "1"),
                Map.entry("managedLedgerDefaultWriteQuorum", "1"),
                Map.entry("managedLedgerDefaultAckQuorum", "1"),
                Map.entry("managedLedgerCacheSizeMB", "64"),
                Map.entry("bookkeeperNumberOfChannelsPerBookie", "1"),
                Map.entry("functionsWorkerEnabled", "false"),
                Map.entry("transactionCoordinatorEnabled", "false"),
                Map.entry("webSocketServiceEnabled", "false"),
                Map.entry("enablePackagesManagement", "false"),
                Map.entry("brokerShutdownTimeoutMs", "3000"),
                Map.entry("numIOThreads", "2"),
                Map.entry("numHttpServerThreads", "4"),
                Map.entry("exposeTopicLevelMetricsInPrometheus", "false")));
        settings.forEach((key, value) -> {
            if (key.startsWith(BROKER_PREFIX)) {
                properties.setProperty(key.substring(BROKER_PREFIX.length()), value);
            }
        });
        ServiceConfiguration config = PulsarConfigurationLoader.create(properties, ServiceConfiguration.class);
        config.setRunningStandalone(true);
        return config;
    }

    /** Cluster, tenants and namespaces a fresh standalone broker has; the cluster's URLs follow the new ports. */
    private void registerClusterAndNamespaces(ServiceConfiguration config) throws Exception {
        ClusterResources clusters = broker.getPulsarResources().getClusterResources();
        ClusterData cluster = ClusterData.builder()
                .serviceUrl(broker.getWebServiceAddress())
                .brokerServiceUrl(broker.getBrokerServiceUrl())
                .build();
        if (clusters.clusterExists(CLUSTER)) {
            clusters.updateCluster(CLUSTER, previous -> cluster);
        } else {
            clusters.createCluster(CLUSTER, cluster);
        }
        TenantResources tenants = broker.getPulsarResources().getTenantResources();
        NamespaceResources namespaces = broker.getPulsarResources().getNamespaceResources();
        for (NamespaceName namespace : new NamespaceName[] {NamespaceName.get("public", "default"),
                NamespaceName.SYSTEM_NAMESPACE}) {
            if (!tenants.tenantExists(namespace.getTenant())) {
                tenants.createTenant(namespace.getTenant(), TenantInfo.builder()
                        .adminRoles(Set.copyOf(config.getSuperUserRoles()))
                        .allowedClusters(Set.of(CLUSTER))
                        .build());
            }
            if (!namespaces.namespaceExists(namespace)) {
                broker.getAdminClient().namespaces().createNamespace(namespace.toString(), Set.of(CLUSTER));
            }
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static String loopbackInterfaceName() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isLoopback()) {
                    return nif.getName();
                }
            }
        } catch (SocketException e) {
            // Fall through: BookKeeper then binds to its default interface choice.
        }
        return null;
    }
}
