package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one business domain maps onto the spec's 25-field event: its vocabulary of event types, the
 * ranges its readings take, how often each status occurs and how often motion is reported.
 *
 * @param name the name users select it by (e.g. {@code iot})
 * @param description what the fields mean in this domain
 * @param eventTypes the event types; each source keeps one
 * @param ranges the range of every metric
 * @param statusWeights relative frequency of each status, in {@link EventStatus} order
 * @param motionProbability chance that an event reports motion
 */
public record DomainProfile(String name, String description, List<String> eventTypes, Map<Metric, ValueRange> ranges,
                            List<Double> statusWeights, double motionProbability) {

    public static final int EVENT_TYPES_PER_PROFILE = 20;

    public DomainProfile {
        if (name == null || name.isBlank() || description == null) {
            throw new IllegalArgumentException("a domain profile needs a name and a description");
        }
        eventTypes = List.copyOf(eventTypes);
        if (eventTypes.size() != EVENT_TYPES_PER_PROFILE || eventTypes.stream().distinct().count() != EVENT_TYPES_PER_PROFILE) {
            throw new IllegalArgumentException("domain profile '" + name + "' must list " + EVENT_TYPES_PER_PROFILE
                    + " distinct event types, has " + eventTypes.size());
        }
        if (ranges.size() != Metric.count()) {
            throw new IllegalArgumentException("domain profile '" + name + "' must give a range for every metric");
        }
        ranges = Map.copyOf(new EnumMap<>(ranges));
        statusWeights = List.copyOf(statusWeights);
        if (statusWeights.size() != EventStatus.values().length
                || statusWeights.stream().anyMatch(w -> !(w >= 0)) || statusWeights.stream().mapToDouble(w -> w).sum() <= 0) {
            throw new IllegalArgumentException("domain profile '" + name
                    + "' needs one non-negative weight per status (online, offline, maintenance, error), not all zero");
        }
        if (!(motionProbability >= 0 && motionProbability <= 1)) {
            throw new IllegalArgumentException("domain profile '" + name + "' motion probability " + motionProbability
                    + " must be within 0..1");
        }
    }

    public ValueRange range(Metric metric) {
        return ranges.get(metric);
    }
}
