/**
 * The embedded Pulsar broker: {@link dev.brook.pulsar.embedded.EmbeddedPulsar} starts pulsar-broker 4.x
 * (packed into this module's jar by {@link dev.brook.pulsar.embedded.BrokerPackIndexer}) in an isolated
 * class loader. Nothing here imports Pulsar; the broker-side code lives in {@code src/bootstrap/java} and is
 * compiled and packed separately, so depending on this module puts no Pulsar jar on a class path.
 */
package dev.brook.pulsar.embedded;
