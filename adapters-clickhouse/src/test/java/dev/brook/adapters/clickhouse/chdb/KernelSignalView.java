package dev.brook.adapters.clickhouse.chdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Linux kernel says of this process's signal handling. libc's {@code sigaction} cannot be asked once
 * libjsig is preloaded (it answers with the handlers chained behind the JVM's), the kernel can.
 */
final class KernelSignalView {

    static final int SIGILL = 4;
    static final int SIGBUS = 7;
    static final int SIGFPE = 8;
    static final int SIGSEGV = 11;
    static final int[] DEADLY = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};

    private KernelSignalView() {
    }

    /** Whether a handler catches {@code signal} now ({@code SigCgt} in /proc/self/status). */
    static boolean caught(int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigCgt:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigCgt:".length()).strip(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/self/status has no SigCgt line");
    }

    /** Whether {@code address} lies in a mapping of the shared library named {@code library} (e.g. libjvm.so). */
    static boolean liesIn(String library, long address) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.endsWith("/" + library)) {
                    String[] bounds = line.substring(0, line.indexOf(' ')).split("-");
                    if (Long.compareUnsigned(address, Long.parseUnsignedLong(bounds[0], 16)) >= 0
                            && Long.compareUnsigned(address, Long.parseUnsignedLong(bounds[1], 16)) < 0) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
