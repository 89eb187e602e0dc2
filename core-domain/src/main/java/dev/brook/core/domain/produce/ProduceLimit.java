package dev.brook.core.domain.produce;

import java.time.Duration;

/** When the producer stops on its own: after a number of events, after a time, or only when told to. */
public sealed interface ProduceLimit {

    /** Stop after exactly this many events. */
    record Count(long events) implements ProduceLimit {
        public Count {
            if (events < 1) {
                throw new IllegalArgumentException("event count " + events + " must be ≥ 1 (leave it out to run until stopped)");
            }
        }
    }

    /** Stop once this much time has passed since the first event. */
    record Elapsed(Duration duration) implements ProduceLimit {
        public Elapsed {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("duration " + duration + " must be > 0 (leave it out to run until stopped)");
            }
        }
    }

    /** Run until {@link EventProducer#stop()} (Ctrl-C, SIGTERM). */
    record UntilStopped() implements ProduceLimit {
    }

    static ProduceLimit count(long events) {
        return new Count(events);
    }

    static ProduceLimit elapsed(Duration duration) {
        return new Elapsed(duration);
    }

    static ProduceLimit untilStopped() {
        return new UntilStopped();
    }
}
