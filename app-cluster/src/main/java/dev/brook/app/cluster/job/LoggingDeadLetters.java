package dev.brook.app.cluster.job;

import dev.brook.adapters.flink.sink.DeadLetterSinkFactory;
import dev.brook.core.domain.port.out.DeadLetter;
import dev.brook.core.domain.port.out.DeadLetterSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;

/**
 * The cluster's dead letters: one WARN line each on the task manager's log (collected with the pod logs),
 * with origin, reason and the payload in Base64 so it can be replayed. The job also counts them as metrics.
 */
record LoggingDeadLetters() implements DeadLetterSinkFactory {

    private static final Logger LOG = LoggerFactory.getLogger("dev.brook.deadletters");

    @Override
    public DeadLetterSink create() {
        return LoggingDeadLetters::log;
    }

    static void log(DeadLetter letter) {
        LOG.warn("dead letter from {} at {}: {} payload={}", letter.origin(), letter.receivedAtMillis(), letter.reason(),
                Base64.getEncoder().encodeToString(letter.payload()));
    }
}
