package dev.brook.adapters.clickhouse.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.brook.adapters.clickhouse.chdb.ProbeJvm.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ways the JVM keeps its signal handlers across chDB's start, each in a JVM of its own
 * ({@link ChdbSignalProbe}): {@link SignalGuard} puts them back after the start (what {@code java -jar} gets),
 * and a preloaded libjsig never lets chDB replace them (what the test forks get, where other threads run while
 * chDB starts: the guard's gap killed one of them, exit 139).
 */
@EnabledOnOs(OS.LINUX)
class ChdbSignalChainingIT {

    private static final Pattern WINDOW = Pattern.compile("SIGSEGV uncaught in (\\d+) of (\\d+) polls");

    @TempDir
    Path work;

    @Test
    void withoutSignalChainingTheGuardPutsTheJvmHandlersBackAndCompiledCodeFaultsStayExceptions() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).runSignalProbe("health", work.resolve("guard"), false);

        assertThat(ending).hasStatus(0).printed("signal chaining preloaded: false")
                .printed(ChdbSignalProbe.HANDLERS_IN_LIBJVM).printed(ChdbSignalProbe.FAULTS_HANDLED);
    }

    @Test
    void withoutSignalChainingOtherThreadsFindSigsegvUncaughtWhileChdbStarts() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).runSignalProbe("start-window", work.resolve("gap"), false);

        assertThat(ending).hasStatus(0).printed("signal chaining preloaded: false");
        long[] window = window(ending);
        assertThat(window[0]).as("polls that found SIGSEGV uncaught, of %d", window[1]).isPositive();
    }

    @Test
    void withSignalChainingSigsegvIsCaughtThroughoutChdbsStart() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).runSignalProbe("start-window", work.resolve("chained"), true);

        assertThat(ending).hasStatus(0).printed("signal chaining preloaded: true");
        long[] window = window(ending);
        assertThat(window[1]).as("polls").isGreaterThan(100);
        assertThat(window[0]).as("polls that found SIGSEGV uncaught, of %d", window[1]).isZero();
    }

    @Test
    void withSignalChainingCompiledCodeFaultsStayExceptions() throws Exception {
        ProbeJvm.Ending ending = new ProbeJvm(work).runSignalProbe("health", work.resolve("chained-health"), true);

        assertThat(ending).hasStatus(0).printed("signal chaining preloaded: true")
                .printed(ChdbSignalProbe.FAULTS_HANDLED);
    }

    private static long[] window(ProbeJvm.Ending ending) {
        Matcher matcher = WINDOW.matcher(ending.output());
        assertThat(matcher.find()).as("the probe's report in:%n%s", ending.output()).isTrue();
        System.out.println("probe (" + ending.how() + "): " + matcher.group());
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }
}
