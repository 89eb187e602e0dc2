package dev.brook.pulsar.embedded;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Free space on the disk of the broker's data, against what its bookie needs to go on writing. Above
 * {@link #FULL_PER_MILLE} of its disk in use the bookie turns read-only, and every publish then times out with
 * no word of the disk (seen in CI: 131 MB free of 252 GB); so the broker refuses to start there, saying why.
 */
record DiskHeadroom(Path dir, long usableBytes, long totalBytes) {

    /** The share of its disk in use, per mille, above which the bookie turns read-only (BookKeeper's: 950). */
    static final int FULL_PER_MILLE = 999;
    /** The journal file the bookie allocates ahead, on top of that. */
    static final int JOURNAL_PREALLOCATION_MB = 4;

    DiskHeadroom {
        if (usableBytes < 0 || totalBytes < 0 || usableBytes > totalBytes) {
            throw new IllegalArgumentException("free " + usableBytes + " of " + totalBytes + " bytes on " + dir);
        }
    }

    static DiskHeadroom of(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return new DiskHeadroom(dir, store.getUsableSpace(), store.getTotalSpace());
    }

    long neededBytes() {
        int freePerMille = 1000 - FULL_PER_MILLE;
        // The bookie's free share rounded up, in whole bytes: no floating point near the limit.
        long freeShare = totalBytes / 1000 * freePerMille + (totalBytes % 1000 * freePerMille + 999) / 1000;
        return freeShare + ((long) JOURNAL_PREALLOCATION_MB << 20);
    }

    /** False where the size is unknown (a total of 0, as some virtual file systems report). */
    boolean tooLittle() {
        return totalBytes > 0 && usableBytes < neededBytes();
    }

    String shortage() {
        return String.format(Locale.ROOT, "the disk of %s has %,d MB free of %,d MB; the embedded broker's bookie "
                        + "stops writing above %.1f %% in use, so it needs at least %,d MB free: free some space on "
                        + "that disk or give the broker a data directory on another one", dir, usableBytes >> 20,
                totalBytes >> 20, FULL_PER_MILLE / 10.0, (neededBytes() + (1 << 20) - 1) >> 20);
    }
}
