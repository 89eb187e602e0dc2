/**
 * The Pulsar adapter: {@link dev.brook.adapters.pulsar.PulsarEventPublisher} (the domain's
 * {@code EventPublisher} port), {@link dev.brook.adapters.pulsar.PulsarTopicAdmin} and the connection
 * setting {@link dev.brook.adapters.pulsar.PulsarConnection}.
 *
 * <h2>Wire format</h2>
 * <ul>
 *   <li>One Pulsar message = one <em>envelope</em> = one Avro {@code dev.brook.event.EventBatch} record
 *       (core-domain's {@code avro/event-batch.avsc}, written by {@code AvroEventCodec.encodeBatch}): an
 *       array of 1…{@code maxEventsPerEnvelope} events (default 500), sent when full or when its first
 *       event has waited {@code maxEnvelopeDelay} (default 10 ms).</li>
 *   <li>The topic's registered schema is that record, type AVRO ({@code EventBatchSchema}): Avro-aware
 *       consumers ({@code Schema.AUTO_CONSUME()}, a generic Avro reader) read it; {@code Schema.BYTES}
 *       consumers get the bytes for {@code AvroEventCodec.decodeBatch}.</li>
 *   <li>Pulsar's own producer batching is off and LZ4 compression on. A message is the atomic unit of
 *       delivery, acknowledgement and seeking, so a consumer restored from a checkpoint (Flink's connector,
 *       FLINK-36180) never sees part of one.</li>
 *   <li>Routing: all events of an envelope belong to one partition, {@code SourcePartitioner.partitionOf}
 *       (a fixed hash of the source's number modulo the partition count); the message key is the source id
 *       of the envelope's first event and the custom router maps it back to that partition. A source's
 *       events therefore always go to one partition, in publishing order.</li>
 * </ul>
 */
package dev.brook.adapters.pulsar;
