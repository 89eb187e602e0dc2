package dev.brook.adapters.clickhouse.chdb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults HotSpot turns from a signal into an exception in JIT-compiled code: each check warms a method up
 * until C2 compiles it, then makes it fault. Without the JVM's SIGSEGV/SIGFPE handlers a check kills the process
 * (exit 139, no crash log) instead of returning. Shared by the in-fork IT and the probe JVMs.
 */
final class CompiledCodeFaults {

    static final int FAULTS = 1_000;

    private CompiledCodeFaults() {
    }

    /** How many of {@link #FAULTS} null dereferences in compiled code became NullPointerExceptions. */
    static int nullPointersCaught() {
        long sum = 0;
        for (int i = 0; i < 300_000; i++) {
            sum += lengthOf("warm-up " + (i & 7)); // enough calls for C2
        }
        int caught = 0;
        for (int i = 0; i < FAULTS; i++) {
            try {
                sum += lengthOf(null);
            } catch (NullPointerException expected) {
                caught++;
            }
        }
        return sum > 0 ? caught : -1;
    }

    /** How many of {@link #FAULTS} integer divisions by zero in compiled code became ArithmeticExceptions. */
    static int divisionsByZeroCaught() {
        long sum = 0;
        for (int i = 1; i < 300_000; i++) {
            sum += divide(i, (i & 15) + 1);
        }
        int caught = 0;
        for (int i = 0; i < FAULTS; i++) {
            try {
                sum += divide(i, 0);
            } catch (ArithmeticException expected) {
                caught++;
            }
        }
        return sum > 0 ? caught : -1;
    }

    /** How many of {@code rounds} unbounded recursions ended in a StackOverflowError (guard pages: SIGSEGV). */
    static int stackOverflowsCaught(int rounds) {
        int caught = 0;
        for (int round = 0; round < rounds; round++) {
            try {
                recurse(0);
            } catch (StackOverflowError expected) {
                caught++;
            }
        }
        return caught;
    }

    /**
     * Collects garbage while two threads run hot counted loops (safepoint polls in compiled code); returns the
     * loops' progress marks, or throws if a loop has not finished within two minutes.
     */
    static long progressOfLoopsAcrossGarbageCollections() throws InterruptedException {
        AtomicLong progress = new AtomicLong();
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread loop = new Thread(() -> {
                long local = 0;
                for (int i = 0; i < 40_000_000; i++) {
                    local += i % 7;
                    if ((i & 0xFFFFF) == 0) {
                        progress.incrementAndGet();
                    }
                }
                progress.addAndGet(local > 0 ? 1 : 0);
            }, "compiled-loop-" + t);
            loops.add(loop);
            loop.start();
        }
        List<byte[]> garbage = new ArrayList<>();
        for (int gc = 0; gc < 5; gc++) {
            for (int i = 0; i < 2_000; i++) {
                garbage.add(new byte[8_192]);
            }
            garbage.clear();
            System.gc();
        }
        for (Thread loop : loops) {
            loop.join(120_000);
            if (loop.isAlive()) {
                throw new AssertionError(loop.getName() + " did not finish within two minutes");
            }
        }
        return progress.get();
    }

    private static int lengthOf(String text) {
        return text.length();
    }

    private static int divide(int a, int b) {
        return a / b;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
