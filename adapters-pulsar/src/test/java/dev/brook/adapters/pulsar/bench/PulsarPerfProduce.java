package dev.brook.adapters.pulsar.bench;

/**
 * Runs pulsar-perf's {@code produce} command alone ({@code org.apache.pulsar.testclient.PerformanceProducer}),
 * in a process whose class path is pulsar-perf's (see {@code adapters-pulsar/pulsar-perf/pom.xml}) plus this
 * class. Reflection only: nothing of pulsar-perf's 4.x client is compiled into Brook's test classes.
 */
public final class PulsarPerfProduce {

    private PulsarPerfProduce() {
    }

    public static void main(String[] args) throws Exception {
        Object produce = Class.forName("org.apache.pulsar.testclient.PerformanceProducer").getConstructor().newInstance();
        boolean ok = (Boolean) produce.getClass().getMethod("run", String[].class).invoke(produce, (Object) args);
        // Exiting runs pulsar-perf's shutdown hook, which prints the aggregated throughput.
        System.exit(ok ? 0 : 1);
    }
}
