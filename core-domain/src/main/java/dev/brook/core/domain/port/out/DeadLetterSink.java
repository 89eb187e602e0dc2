package dev.brook.core.domain.port.out;

/** Sets aside records that cannot be processed (malformed, late), with the reason. */
public interface DeadLetterSink {

    void setAside(DeadLetter letter);
}
