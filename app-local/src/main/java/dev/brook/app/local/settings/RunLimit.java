package dev.brook.app.local.settings;

import java.time.Duration;

/** When {@code run} stops by itself: after a number of events, after a while, or never (Ctrl-C). */
public sealed interface RunLimit {

    /** Publish exactly this many events, then wait until every window of them is stored, then stop. */
    record Count(long events) implements RunLimit {
        public Count {
            if (events < 1) {
                throw new IllegalArgumentException("--count " + events + " must be ≥ 1");
            }
        }
    }

    /** Publish for this long, then drain and stop as on Ctrl-C. */
    record Elapsed(Duration duration) implements RunLimit {
        public Elapsed {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration " + duration + " must be longer than zero (e.g. 30s, 5m)");
            }
        }
    }

    /** Run until interrupted. */
    record Unbounded() implements RunLimit {
    }
}
