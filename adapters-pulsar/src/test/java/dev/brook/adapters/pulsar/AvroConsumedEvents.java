package dev.brook.adapters.pulsar;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.SourceId;
import org.apache.pulsar.client.api.schema.GenericRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a plain {@code Schema.AUTO_CONSUME()} consumer gets (Pulsar's generic Avro record, built from
 * the schema registered on the topic) back into events, field by field by name: proof that the registered
 * schema describes the bytes, independent of Brook's own codec.
 */
final class AvroConsumedEvents {

    private AvroConsumedEvents() {
    }

    static List<Event> of(GenericRecord batch) {
        List<?> records = (List<?>) batch.getField("events");
        List<Event> events = new ArrayList<>(records.size());
        for (Object element : records) {
            // pulsar-client-all shades Avro: its generic records are this (relocated) Avro interface.
            var r = (org.apache.pulsar.shade.org.apache.avro.generic.GenericRecord) element;
            events.add(new Event(new SourceId(text(r, "source_id")), text(r, "event_type"), text(r, "customer_id"),
                    text(r, "site_id"), d(r, "latitude"), d(r, "longitude"), d(r, "altitude"), (Long) r.get("time"),
                    d(r, "temperature"), d(r, "humidity"), d(r, "pressure"), d(r, "co2_level"), d(r, "noise_level"),
                    d(r, "light_level"), (Boolean) r.get("motion_detected"), d(r, "battery_level"),
                    d(r, "signal_strength"), d(r, "memory_usage"), d(r, "cpu_usage"),
                    EventStatus.valueOf(text(r, "status")), (Integer) r.get("error_count"), (Long) r.get("packets_sent"),
                    (Long) r.get("packets_received"), (Long) r.get("bytes_sent"), (Long) r.get("bytes_received")));
        }
        return events;
    }

    private static String text(org.apache.pulsar.shade.org.apache.avro.generic.GenericRecord r, String field) {
        return r.get(field).toString();
    }

    private static double d(org.apache.pulsar.shade.org.apache.avro.generic.GenericRecord r, String field) {
        return (Double) r.get(field);
    }
}
