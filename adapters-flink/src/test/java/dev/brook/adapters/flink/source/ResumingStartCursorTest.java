package dev.brook.adapters.flink.source;

import org.apache.pulsar.client.impl.MessageIdImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumingStartCursorTest {

    @Test
    void theFirstMessageAfterAMarkDeletePositionIsTheNextEntryOfItsLedger() {
        assertThat(ResumingStartCursor.firstAfter("17:41", 3)).isEqualTo(new MessageIdImpl(17, 42, 3));
    }

    @Test
    void aSubscriptionThatAcknowledgedNothingInItsLedgerStartsAtTheLedgersFirstEntry() {
        assertThat(ResumingStartCursor.firstAfter("5:-1", -1)).isEqualTo(new MessageIdImpl(5, 0, -1));
    }

    @Test
    void aPositionThatIsNotLedgerColonEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> ResumingStartCursor.firstAfter("17", 0)).hasMessageContaining("'17' is not ledger:entry");
        assertThatThrownBy(() -> ResumingStartCursor.firstAfter("a:b", 0)).hasMessageContaining("'a:b' is not ledger:entry");
    }
}
