package dev.brook.adapters.clickhouse.bench;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * CPU time of the whole process (the JVM and chDB's threads), in nanoseconds: unlike wall time it hardly
 * grows when other programs load the machine, so it compares runs made under different loads. Linux only
 * ({@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}); elsewhere it reports nothing.
 */
final class ProcessCpuClock {

    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    interface LibC extends Library {
        int clock_gettime(int clock, Memory timespec);
    }

    private final LibC libc = Platform.isLinux() ? Native.load(Platform.C_LIBRARY_NAME, LibC.class) : null;
    private final Memory timespec = new Memory(16);

    boolean available() {
        return libc != null;
    }

    /** Nanoseconds of CPU the process used so far, or 0 where unavailable. */
    synchronized long nanos() {
        if (libc == null || libc.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, timespec) != 0) {
            return 0;
        }
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8);
    }
}
