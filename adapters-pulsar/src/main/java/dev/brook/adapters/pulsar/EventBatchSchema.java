package dev.brook.adapters.pulsar;

import dev.brook.core.domain.codec.AvroEventCodec;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The topic's schema as Pulsar sees it: type AVRO, definition = core-domain's {@code EventBatch} schema.
 * Values are the bytes {@link AvroEventCodec#encodeBatch} writes, passed through unchanged, so the
 * registered schema describes exactly what is on the wire and any Avro-aware Pulsar consumer reads it.
 *
 * <p>{@code Schema.NATIVE_AVRO} would do the same, but pulsar-client-all shades Avro and so rejects the
 * unshaded schema object core-domain has.
 */
final class EventBatchSchema implements Schema<byte[]> {

    static final SchemaInfo INFO = SchemaInfo.builder()
            .name("EventBatch")
            .type(SchemaType.AVRO)
            .schema(AvroEventCodec.batchSchema().toString().getBytes(StandardCharsets.UTF_8))
            .properties(Map.of())
            .build();
    static final EventBatchSchema INSTANCE = new EventBatchSchema();

    private EventBatchSchema() {
    }

    @Override
    public byte[] encode(byte[] message) {
        return message;
    }

    @Override
    public byte[] decode(byte[] bytes, byte[] schemaVersion) {
        return bytes;
    }

    @Override
    public SchemaInfo getSchemaInfo() {
        return INFO;
    }

    @Override
    public Schema<byte[]> clone() {
        return this;
    }
}
