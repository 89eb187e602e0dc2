package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.model.EventStatus;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the spec's events: random sources from the pool, customer = source/10, site = source/100, one
 * event type per source from the profile, readings drawn from the profile's ranges. Deterministic: the
 * same {@link GeneratorSettings} give the same sequence on any machine.
 *
 * <p>Not thread-safe: one generator per producing thread (give each its own seed).
 */
public final class EventGenerator {

    /** Pools up to this size keep per-source ids in memory instead of formatting them per event. */
    private static final int CACHED_POOL_LIMIT = 2_000_000;
    private static final EventStatus[] STATUSES = EventStatus.values();

    private final GeneratorSettings settings;
    private final DomainProfile profile;
    private final SplittableRandom random;
    private final ValueRange[] ranges;
    private final double[] statusThresholds;
    private final SourceIdentity[] identities;
    private long sequence;

    public EventGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.profile = settings.profile();
        this.random = new SplittableRandom(settings.seed());
        Metric[] metrics = Metric.all();
        this.ranges = new ValueRange[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            ranges[i] = profile.range(metrics[i]);
        }
        double total = profile.statusWeights().stream().mapToDouble(Double::doubleValue).sum();
        this.statusThresholds = new double[STATUSES.length];
        double cumulative = 0;
        for (int s = 0; s < STATUSES.length; s++) {
            cumulative += profile.statusWeights().get(s) / total;
            statusThresholds[s] = cumulative;
        }
        this.identities = settings.sourceCount() <= CACHED_POOL_LIMIT ? new SourceIdentity[settings.sourceCount()] : null;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** How many events this generator has made. */
    public long generated() {
        return sequence;
    }

    /** The event time the next event would get before jitter. */
    public long nominalTimeOf(long sequenceNumber) {
        return settings.startTimeMillis() + (long) Math.floor(sequenceNumber * 1000.0 / settings.eventTimeRate());
    }

    public Event next() {
        long time = nominalTimeOf(sequence++);
        if (settings.maxDisorderMillis() > 0) {
            // Not before the start: a run that continues where another ended must not write into its windows.
            time = Math.max(settings.startTimeMillis(), time - random.nextLong(settings.maxDisorderMillis() + 1));
        }
        SourceIdentity id = identity(random.nextInt(settings.sourceCount()));
        ValueRange[] r = ranges;
        double statusDraw = random.nextDouble();
        EventStatus status = STATUSES[STATUSES.length - 1];
        for (int s = 0; s < STATUSES.length; s++) {
            if (statusDraw < statusThresholds[s]) {
                status = STATUSES[s];
                break;
            }
        }
        int errorCount = (int) Math.round(r[10].at(random.nextDouble())) + (status == EventStatus.ERROR ? 1 : 0);
        return new Event(id.sourceId, id.eventType, id.customerId, id.siteId,
                id.latitude + (random.nextDouble() - 0.5) * 0.01,
                id.longitude + (random.nextDouble() - 0.5) * 0.01,
                id.altitude,
                time,
                r[0].at(random.nextDouble()), r[1].at(random.nextDouble()), r[2].at(random.nextDouble()),
                r[3].at(random.nextDouble()), r[4].at(random.nextDouble()), r[5].at(random.nextDouble()),
                random.nextDouble() < profile.motionProbability(),
                r[6].at(random.nextDouble()), r[7].at(random.nextDouble()), r[8].at(random.nextDouble()),
                r[9].at(random.nextDouble()),
                status, errorCount,
                Math.round(r[11].at(random.nextDouble())), Math.round(r[12].at(random.nextDouble())),
                Math.round(r[13].at(random.nextDouble())), Math.round(r[14].at(random.nextDouble())));
    }

    /** The next {@code count} events, in order: the same as calling {@link #next()} that many times. */
    public List<Event> next(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("event count " + count + " must be ≥ 0");
        }
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    private SourceIdentity identity(int index) {
        if (identities == null) {
            return SourceIdentity.of(index, profile);
        }
        SourceIdentity id = identities[index];
        if (id == null) {
            id = SourceIdentity.of(index, profile);
            identities[index] = id;
        }
        return id;
    }

    /** What stays fixed for a source: its ids, its event type and where it is. */
    private record SourceIdentity(SourceId sourceId, String customerId, String siteId, String eventType,
                                  double latitude, double longitude, double altitude) {

        static SourceIdentity of(int index, DomainProfile profile) {
            SourceId sourceId = SourceId.ofIndex(index);
            long hash = mix(index);
            String type = profile.eventTypes().get((int) Math.floorMod(hash, (long) profile.eventTypes().size()));
            double latitude = -60 + 120 * unit(mix(hash));
            double longitude = -179 + 358 * unit(mix(hash + 1));
            double altitude = 500 * unit(mix(hash + 2));
            return new SourceIdentity(sourceId, Event.customerIdOf(sourceId), Event.siteIdOf(sourceId), type,
                    latitude, longitude, altitude);
        }

        /** A fixed bit mixer (SplitMix64's finaliser), so per-source properties do not depend on the seed. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        private static double unit(long bits) {
            return (bits >>> 11) * 0x1.0p-53;
        }
    }
}
