package dev.brook.pulsar.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskHeadroomTest {

    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    private static final Path DIR = Path.of("/data/brook/pulsar");

    @Test
    void aDiskOnlyAlmostFullIsEnough() {
        DiskHeadroom headroom = new DiskHeadroom(DIR, 2 * GB, 252 * GB);

        assertThat(headroom.tooLittle()).isFalse();
    }

    @Test
    void aDiskAboveTheBookiesLimitIsRefusedSayingWhereHowMuchAndWhatToDo() {
        // What CI met: the bookie turned read-only and every publish timed out.
        DiskHeadroom headroom = new DiskHeadroom(DIR, 131 * MB, 252 * GB);

        assertThat(headroom.tooLittle()).isTrue();
        assertThat(headroom.shortage()).contains("/data/brook/pulsar", "131 MB free of 258,048 MB", "99.9 %",
                "at least 263 MB free", "free some space");
    }

    @Test
    void theLimitIsTheBookiesShareInUsePlusOneJournalFile() {
        long total = 100_000 * MB;
        long needed = 100 * MB + DiskHeadroom.JOURNAL_PREALLOCATION_MB * MB;

        assertThat(new DiskHeadroom(DIR, needed, total).tooLittle()).isFalse();
        assertThat(new DiskHeadroom(DIR, needed - 1, total).tooLittle()).isTrue();
    }

    @Test
    void aFileSystemThatReportsNoSizeIsNotRefused() {
        assertThat(new DiskHeadroom(DIR, 0, 0).tooLittle()).isFalse();
    }

    @Test
    void impossibleFiguresAreRefused() {
        assertThatThrownBy(() -> new DiskHeadroom(DIR, 2 * GB, GB)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiskHeadroom(DIR, -1, GB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDiskOfARealDirectoryIsMeasured(@TempDir Path dir) throws Exception {
        DiskHeadroom headroom = DiskHeadroom.of(dir);

        assertThat(headroom.totalBytes()).isPositive();
        assertThat(headroom.usableBytes()).isBetween(0L, headroom.totalBytes());
    }
}
