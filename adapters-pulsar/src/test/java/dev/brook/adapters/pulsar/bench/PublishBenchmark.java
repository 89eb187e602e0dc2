package dev.brook.adapters.pulsar.bench;

import dev.brook.adapters.pulsar.PulsarConnection;
import dev.brook.adapters.pulsar.PulsarEventPublisher;
import dev.brook.adapters.pulsar.PulsarPublisherSettings;
import dev.brook.adapters.pulsar.PulsarPublisherSettings.Compression;
import dev.brook.adapters.pulsar.PulsarTopicAdmin;
import dev.brook.core.domain.codec.AvroEventCodec;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.generation.EventGenerator;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.produce.EventProducer;
import dev.brook.core.domain.produce.ProduceLimit;
import dev.brook.core.domain.produce.ProduceRate;
import dev.brook.core.domain.produce.ProduceSettings;
import dev.brook.core.domain.produce.ProduceSummary;
import dev.brook.core.domain.time.TimeSource;
import dev.brook.pulsar.embedded.EmbeddedPulsar;

import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publish throughput on this machine: Brook's producer (generate + Avro-encode + envelope + send through
 * {@link PulsarEventPublisher}) against Pulsar's own {@code pulsar-perf produce} (ready-made bytes of the
 * same size, Pulsar batching), one after the other against the same embedded broker. Each client runs
 * in its own JVM with the same heap, the broker in this one. Prints both rates (events or messages per
 * second) and the ratio; target ≥ 0.8.
 *
 * <p>Both rates count from the client's start (creating the client and producers included) to the last
 * message sent and acknowledged: for pulsar-perf from its "Starting Pulsar perf producer" line to its "DONE"
 * line, as this process reads them. pulsar-perf's own "Aggregated throughput" figure is printed too but not
 * used: it is taken at the first 10-second reporting tick after the end, so it includes up to 10 s idle.
 *
 * <p>Run from the repository root (see README, "Benchmarks"); pulsar-perf's own class path is resolved
 * from {@code adapters-pulsar/pulsar-perf/pom.xml} on first use:
 * <pre>
 * ./mvnw -B -q install -DskipTests -pl core-domain,pulsar-embedded-broker
 * ./mvnw -B -q -pl adapters-pulsar test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.brook.adapters.pulsar.bench.PublishBenchmark [-Dbench.events=2000000 -Dbench.rounds=2]
 * </pre>
 */
public final class PublishBenchmark {

    private static final Pattern PERF_RESULT = Pattern.compile(
            "Aggregated throughput stats --- (\\d+) records sent --- ([0-9.,]+) msg/s");
    private static final String BROOK_RESULT = "BROOK_RESULT";
    private static final String CHILD_HEAP = "-Xmx1g";

    private PublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 2_000_000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int partitions = Integer.getInteger("bench.partitions", 4);
        Path root = projectRoot();
        String perfClasspath = perfClasspath(root);
        int eventSize = averageEventSize();
        System.out.printf("Publish benchmark: %,d events of ~%d bytes per run, %d partitions, %d rounds, %d cores%n",
                events, eventSize, partitions, rounds, Runtime.getRuntime().availableProcessors());

        Path dataDir = Files.createTempDirectory("brook-publish-benchmark-");
        Map<Compression, double[]> best = new EnumMap<>(Compression.class);
        try (EmbeddedPulsar pulsar = EmbeddedPulsar.start(dataDir)) {
            System.out.printf("embedded broker started in %,d ms%n", pulsar.startupTime().toMillis());
            PulsarConnection connection = new PulsarConnection(pulsar.serviceUrl(), pulsar.httpUrl());
            try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection)) {
                for (int round = 1; round <= rounds; round++) {
                    for (Compression compression : Compression.values()) {
                        String suffix = compression.name().toLowerCase(Locale.ROOT) + "-" + round;
                        String perfTopic = "persistent://public/default/bench-perf-" + suffix;
                        admin.ensureTopic(perfTopic, partitions);
                        double perf = runPulsarPerf(root, perfClasspath, connection, perfTopic, events, eventSize, compression);
                        String brookTopic = "persistent://public/default/bench-brook-" + suffix;
                        admin.ensureTopic(brookTopic, partitions);
                        double brook = runBrook(connection, brookTopic, events, compression);
                        System.out.printf("round %d, %s: pulsar-perf %,.0f msg/s | Brook %,.0f events/s | ratio %.2f%n",
                                round, compression, perf, brook, brook / perf);
                        double[] pair = best.computeIfAbsent(compression, c -> new double[2]);
                        pair[0] = Math.max(pair[0], perf);
                        pair[1] = Math.max(pair[1], brook);
                    }
                }
            }
        } finally {
            deleteTree(dataDir);
        }
        best.forEach((compression, pair) -> {
            System.out.printf(Locale.ROOT, "RESULT %-4s pulsar-perf produce: %,.0f msg/s (%d B, Pulsar batching) | Brook producer: %,.0f"
                    + " events/s (generate + encode + envelopes of ≤ 500) | ratio %.2f (target ≥ 0.80)%n", compression, pair[0],
                    eventSize, pair[1], pair[1] / pair[0]);
        });
        System.out.println("(pulsar-perf sends one fixed payload over and over, which LZ4 compresses almost for free; Brook's"
                + " events all differ. Without compression both sides do the same work but for Brook's generating and encoding.)");
    }

    /** The child process of the Brook side: the producer loop at max rate into the publisher. */
    public static final class BrookClient {

        public static void main(String[] args) {
            PulsarConnection connection = new PulsarConnection(args[0], args[1]);
            String topic = args[2];
            long events = Long.parseLong(args[3]);
            Compression compression = Compression.valueOf(args[4]);
            // Logging is set up before the clock starts, as pulsar-perf's is before its "Starting" line.
            LoggerFactory.getLogger(BrookClient.class).info("Starting the Brook producer: {} events to {}", events, topic);
            long began = System.nanoTime();
            ProduceSummary summary;
            long closing;
            PulsarEventPublisher publisher = PulsarEventPublisher.connect(connection,
                    PulsarPublisherSettings.defaults(topic).withCompression(compression));
            try (publisher) {
                System.out.printf("[brook] connected in %,d ms%n", (System.nanoTime() - began) / 1_000_000);
                ProduceSettings settings = ProduceSettings.live(1L, 10_000, DomainProfiles.byName("iot"),
                        System.currentTimeMillis(), ProduceRate.MAX, ProduceLimit.count(events));
                summary = new EventProducer(settings, publisher, TimeSource.system(),
                        progress -> System.out.println("[brook] " + progress.toLine())).run();
                closing = System.nanoTime();
            }
            System.out.printf("[brook] closed in %,d ms; %,d envelopes, %.0f events each on average%n",
                    (System.nanoTime() - closing) / 1_000_000, publisher.envelopesSent(),
                    (double) events / publisher.envelopesSent());
            double seconds = (closing - began) / 1e9; // as for pulsar-perf: client start to the last acknowledgement
            System.out.println("[brook] " + summary.toLine());
            if (!summary.succeeded() || summary.acknowledged() != events) {
                throw new IllegalStateException("the Brook run did not complete: " + summary.toLine());
            }
            System.out.println(BROOK_RESULT + " " + summary.acknowledged() + " " + seconds);
        }
    }

    private static double runBrook(PulsarConnection connection, String topic, int events, Compression compression)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), CHILD_HEAP));
        // e.g. -Dbench.brook-jvm-args=-XX:StartFlightRecording=filename=brook.jfr,settings=profile to profile the client
        String extra = System.getProperty("bench.brook-jvm-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", ownClasspath(), BrookClient.class.getName(), connection.serviceUrl(),
                connection.adminUrl(), topic, String.valueOf(events), compression.name()));
        double[] rate = {Double.NaN};
        run(command, line -> {
            if (line.startsWith(BROOK_RESULT)) {
                String[] parts = line.split(" ");
                rate[0] = Long.parseLong(parts[1]) / Double.parseDouble(parts[2]);
            } else if (!line.contains("progress")) {
                System.out.println(line);
            }
        });
        if (Double.isNaN(rate[0])) {
            throw new IllegalStateException("the Brook client printed no result");
        }
        return rate[0];
    }

    private static double runPulsarPerf(Path root, String perfClasspath, PulsarConnection connection, String topic, int messages,
                                        int size, Compression compression) throws Exception {
        String classpath = perfClasspath + java.io.File.pathSeparator
                + Path.of(PulsarPerfProduce.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = List.of(javaBinary(), CHILD_HEAP,
                "-Dlog4j2.configurationFile=" + root.resolve("adapters-pulsar/pulsar-perf/log4j2.xml"),
                "-cp", classpath, PulsarPerfProduce.class.getName(),
                "-u", connection.serviceUrl(), "-s", String.valueOf(size), "-m", String.valueOf(messages),
                "-r", "1000000000", "-z", compression.name(), topic);
        long[] startedAt = {0};
        double[] rate = {Double.NaN};
        run(command, line -> {
            if (line.contains("Starting Pulsar perf producer")) {
                startedAt[0] = System.nanoTime();
            } else if (line.contains("DONE (reached the maximum number")) {
                rate[0] = messages / ((System.nanoTime() - startedAt[0]) / 1e9);
            }
            if (PERF_RESULT.matcher(line).find() || line.contains("Throughput produced") || line.contains("ERROR")) {
                System.out.println(line);
            }
        });
        if (Double.isNaN(rate[0]) || startedAt[0] == 0) {
            throw new IllegalStateException("pulsar-perf did not report its start and its end");
        }
        System.out.printf(Locale.ROOT, "[pulsar-perf] %,d messages from its start to DONE: %,.0f msg/s%n", messages, rate[0]);
        return rate[0];
    }

    private static void run(List<String> command, java.util.function.Consumer<String> lines) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.accept(line);
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + "… exited with " + exit);
        }
    }

    /** Bytes per event inside an envelope of 500, as Brook sends them (before LZ4). */
    private static int averageEventSize() {
        EventGenerator generator = new EventGenerator(ProduceSettings.live(1L, 10_000, DomainProfiles.byName("iot"),
                System.currentTimeMillis(), ProduceRate.MAX, ProduceLimit.count(1)).generator());
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(generator.next());
        }
        return Math.round(new AvroEventCodec().encodeBatch(batch).length / 500f);
    }

    /** pulsar-perf's class path, resolved by Maven from adapters-pulsar/pulsar-perf/pom.xml on first use. */
    private static String perfClasspath(Path root) throws Exception {
        Path file = root.resolve("adapters-pulsar/pulsar-perf/target/pulsar-perf.classpath");
        if (!Files.isRegularFile(file)) {
            System.out.println("resolving pulsar-perf's class path with Maven (once)…");
            run(List.of(root.resolve("mvnw").toString(), "-B", "-q", "-f", root.resolve("adapters-pulsar/pulsar-perf/pom.xml").toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=target/pulsar-perf.classpath"), System.out::println);
        }
        return Files.readString(file).trim();
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("adapters-pulsar"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the benchmark from inside the Brook repository");
    }

    /** This benchmark's class path: from its class loader under exec:java (where java.class.path is Maven's). */
    private static String ownClasspath() throws Exception {
        if (PublishBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
