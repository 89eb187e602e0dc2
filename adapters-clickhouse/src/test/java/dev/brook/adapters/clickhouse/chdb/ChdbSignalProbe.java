package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.transport.QueryParameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM that starts chDB and reports on its signal handling; {@link ChdbSignalChainingIT} runs it with and
 * without libjsig preloaded. Arguments: {@code <data dir> <mode>}, where mode is
 * <ul>
 *   <li>{@code health}: after the start, where the deadly signals' handlers lie, then the compiled-code faults;</li>
 *   <li>{@code start-window}: while chDB loads and connects, another thread asks the kernel over and over
 *       whether SIGSEGV is still caught, and counts the times it was not.</li>
 * </ul>
 */
public final class ChdbSignalProbe {

    static final String HANDLERS_IN_LIBJVM = "the deadly signals' handlers lie in libjvm.so";
    static final String FAULTS_HANDLED = "compiled-code faults became exceptions";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String mode = args[1];
        System.out.println("signal chaining preloaded: " + SignalGuard.signalChainingPreloaded());
        switch (mode) {
            case "health" -> health(dataDir);
            case "start-window" -> startWindow(dataDir);
            default -> throw new IllegalArgumentException("unknown mode: " + mode);
        }
    }

    private static void health(Path dataDir) throws InterruptedException {
        ChdbEngine engine = ChdbEngine.open(dataDir);
        boolean inLibjvm = true;
        for (int signal : KernelSignalView.DEADLY) {
            long handler = SignalGuard.handlerAddress(signal);
            boolean here = KernelSignalView.liesIn("libjvm.so", handler);
            System.out.printf("signal %d: handler 0x%x, in libjvm.so: %s, caught: %s%n", signal, handler, here,
                    KernelSignalView.caught(signal));
            inLibjvm &= here;
        }
        if (inLibjvm) {
            System.out.println(HANDLERS_IN_LIBJVM);
        }
        int nulls = CompiledCodeFaults.nullPointersCaught();
        int divisions = CompiledCodeFaults.divisionsByZeroCaught();
        int overflows = CompiledCodeFaults.stackOverflowsCaught(3);
        long progress = CompiledCodeFaults.progressOfLoopsAcrossGarbageCollections();
        System.out.printf("NPEs %d, ArithmeticExceptions %d, StackOverflowErrors %d, loop progress %d%n", nulls,
                divisions, overflows, progress);
        String answer = new String(engine.run("SELECT 40 + 2", "TabSeparated", QueryParameters.none()),
                StandardCharsets.UTF_8).strip();
        if (nulls == CompiledCodeFaults.FAULTS && divisions == CompiledCodeFaults.FAULTS && overflows == 3
                && progress > 2 && answer.equals("42")) {
            System.out.println(FAULTS_HANDLED);
        }
    }

    private static void startWindow(Path dataDir) throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        AtomicLong uncaught = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (!KernelSignalView.caught(KernelSignalView.SIGSEGV)) {
                    uncaught.incrementAndGet();
                }
                polls.incrementAndGet();
            }
        }, "sigsegv-watcher");
        watcher.setDaemon(true);
        watcher.start();
        while (polls.get() == 0) {
            Thread.onSpinWait();
        }
        ChdbEngine.open(dataDir);
        Thread.sleep(200); // anything chDB's own threads do right after the start
        watcher.interrupt();
        watcher.join();
        System.out.printf("SIGSEGV uncaught in %d of %d polls while chDB started%n", uncaught.get(), polls.get());
    }
}
