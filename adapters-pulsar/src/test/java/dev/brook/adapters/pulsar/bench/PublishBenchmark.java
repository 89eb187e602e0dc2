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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * <p>pulsar-perf draws its payloads from a file of Brook events (see {@link #writePerfPayloads}), so both
 * sides send bytes of the same size that compress alike, and the ratio measures what Brook adds: generating
 * and encoding. pulsar-perf's default payload (one fixed array, repeated) is run too and printed beside it:
 * with LZ4 a batch of it shrinks ~140x, so that run measures a broker that stores almost nothing.
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
    /**
     * Distinct payloads pulsar-perf draws from at random, as many as Brook's client has sources. Few enough to
     * stay in the CPU's caches as ready-made bytes would (100,000 made pulsar-perf ~20 % slower uncompressed),
     * many enough that a batch rarely repeats one (the stored sizes printed per run show LZ4 gains no more).
     */
    private static final int PERF_PAYLOADS = 10_000;
    private static final Pattern STORAGE_SIZE = Pattern.compile("\"storageSize\"\\s*:\\s*(\\d+)");

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
        Path payloads = writePerfPayloads(dataDir.resolve("pulsar-perf-payloads.txt"));
        Map<Compression, double[]> best = new EnumMap<>(Compression.class);
        try (EmbeddedPulsar pulsar = EmbeddedPulsar.start(dataDir)) {
            System.out.printf("embedded broker started in %,d ms%n", pulsar.startupTime().toMillis());
            PulsarConnection connection = new PulsarConnection(pulsar.serviceUrl(), pulsar.httpUrl());
            try (PulsarTopicAdmin admin = new PulsarTopicAdmin(connection)) {
                for (int round = 1; round <= rounds; round++) {
                    for (Compression compression : Compression.values()) {
                        String suffix = compression.name().toLowerCase(Locale.ROOT) + "-" + round;
                        String fixedTopic = "persistent://public/default/bench-perf-fixed-" + suffix;
                        admin.ensureTopic(fixedTopic, partitions);
                        double fixed = runPulsarPerf(root, perfClasspath, connection, fixedTopic, events,
                                List.of("-s", String.valueOf(eventSize)), compression);
                        String perfTopic = "persistent://public/default/bench-perf-" + suffix;
                        admin.ensureTopic(perfTopic, partitions);
                        double perf = runPulsarPerf(root, perfClasspath, connection, perfTopic, events,
                                List.of("--payload-file", payloads.toString()), compression);
                        String brookTopic = "persistent://public/default/bench-brook-" + suffix;
                        admin.ensureTopic(brookTopic, partitions);
                        double brook = runBrook(connection, brookTopic, events, compression);
                        System.out.printf("round %d, %s: pulsar-perf %,.0f msg/s (event-like payloads) | Brook %,.0f events/s"
                                + " | ratio %.2f | pulsar-perf, one fixed payload: %,.0f msg/s, ratio %.2f%n",
                                round, compression, perf, brook, brook / perf, fixed, brook / fixed);
                        System.out.printf("  stored by the broker: pulsar-perf %s MB (event-like), Brook %s MB, pulsar-perf %s MB"
                                + " (fixed payload)%n", storedMegabytes(connection, perfTopic),
                                storedMegabytes(connection, brookTopic), storedMegabytes(connection, fixedTopic));
                        double[] figures = best.computeIfAbsent(compression, c -> new double[3]);
                        figures[0] = Math.max(figures[0], perf);
                        figures[1] = Math.max(figures[1], brook);
                        figures[2] = Math.max(figures[2], fixed);
                    }
                }
            }
        } finally {
            deleteTree(dataDir);
        }
        best.forEach((compression, figures) -> {
            System.out.printf(Locale.ROOT, "RESULT %-4s pulsar-perf produce: %,.0f msg/s (%d event-like payloads of ~%d B, Pulsar"
                    + " batching) | Brook producer: %,.0f events/s (generate + encode + envelopes of ≤ 500) | ratio %.2f"
                    + " (target ≥ 0.80)%n", compression, figures[0], PERF_PAYLOADS, eventSize, figures[1], figures[1] / figures[0]);
            System.out.printf(Locale.ROOT, "       pulsar-perf with its one fixed payload (-s %d): %,.0f msg/s, ratio %.2f%n",
                    eventSize, figures[2], figures[1] / figures[2]);
        });
        System.out.println("(Best of the rounds for each. The event-like payloads are Brook events' bytes mapped one to one onto"
                + " printable ASCII, which pulsar-perf's payload file requires: same sizes, same LZ4 ratio. pulsar-perf's fixed"
                + " payload repeats within a batch, so LZ4 shrinks it ~140x, and the broker then stores almost nothing.)");
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
                summary = new EventProducer(brookClientSettings(events), publisher, TimeSource.system(),
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

    /** @param payload pulsar-perf's payload options: {@code -s SIZE} (one fixed payload) or {@code --payload-file FILE} */
    private static double runPulsarPerf(Path root, String perfClasspath, PulsarConnection connection, String topic, int messages,
                                        List<String> payload, Compression compression) throws Exception {
        String classpath = perfClasspath + java.io.File.pathSeparator
                + Path.of(PulsarPerfProduce.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(javaBinary(), CHILD_HEAP,
                "-Dlog4j2.configurationFile=" + root.resolve("adapters-pulsar/pulsar-perf/log4j2.xml"),
                "-cp", classpath, PulsarPerfProduce.class.getName(), "-u", connection.serviceUrl()));
        command.addAll(payload);
        command.addAll(List.of("-m", String.valueOf(messages), "-r", "1000000000", "-z", compression.name(), topic));
        long[] startedAt = {0};
        double[] rate = {Double.NaN};
        run(command, line -> {
            if (line.contains("Starting Pulsar perf producer")) {
                startedAt[0] = System.nanoTime();
            } else if (line.contains("DONE (reached the maximum number")) {
                rate[0] = messages / ((System.nanoTime() - startedAt[0]) / 1e9);
            }
            if (PERF_RESULT.matcher(line).find() || line.contains("Throughput produced") || line.contains("ERROR")
                    || line.contains("Reading payloads from")) {
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

    /** What the broker stores for a topic, from its admin API's partitioned stats (all partitions together). */
    private static String storedMegabytes(PulsarConnection connection, String topic) throws Exception {
        String path = topic.replace("persistent://", "/admin/v2/persistent/") + "/partitioned-stats";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connection.adminUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher size = STORAGE_SIZE.matcher(response.body());
        return size.find() ? String.format(Locale.ROOT, "%.1f", Long.parseLong(size.group(1)) / 1e6) : "?";
    }

    /**
     * pulsar-perf's payload file: the first {@link #PERF_PAYLOADS} events of the Brook client's generator, each
     * one line. pulsar-perf reads the file as UTF-8 text, so each byte is mapped onto one of the 95 printable
     * ASCII characters: the sizes stay, and so does the LZ4 ratio (LZ4 finds repeated sequences, and a one-to-one
     * byte map keeps those; it does no entropy coding that the smaller alphabet could help).
     */
    private static Path writePerfPayloads(Path file) throws IOException {
        EventGenerator generator = new EventGenerator(brookClientSettings(PERF_PAYLOADS).generator());
        AvroEventCodec codec = new AvroEventCodec();
        StringBuilder text = new StringBuilder(PERF_PAYLOADS * 180);
        for (int i = 0; i < PERF_PAYLOADS; i++) {
            for (byte b : codec.encode(generator.next())) {
                text.append((char) (' ' + (b & 0xFF) % 95));
            }
            text.append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** The Brook client's producer settings: the iot profile over 10,000 sources, seed 1, as fast as it goes. */
    private static ProduceSettings brookClientSettings(long events) {
        return ProduceSettings.live(1L, 10_000, DomainProfiles.byName("iot"), System.currentTimeMillis(), ProduceRate.MAX,
                ProduceLimit.count(events));
    }

    /** Bytes per event inside an envelope of 500, as Brook sends them (before LZ4). */
    private static int averageEventSize() {
        EventGenerator generator = new EventGenerator(brookClientSettings(1).generator());
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
