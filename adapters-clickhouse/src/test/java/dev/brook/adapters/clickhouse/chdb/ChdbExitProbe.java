package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.ClickHouseSettings;
import dev.brook.adapters.clickhouse.ClickHouseStore;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.contract.KnownAggregates;

import java.nio.file.Path;
import java.util.List;

/**
 * A small program that uses chDB and then ends the way a real one does; {@link ChdbExitIT} runs it in
 * a JVM of its own and checks the exit status. It writes in many small inserts, so background merges are
 * under way when it ends.
 *
 * <p>Arguments: {@code <data dir> <how>}, where how is {@code return} (main returns), {@code exit}
 * ({@code System.exit(0)}), {@code exit3} ({@code System.exit(3)}), {@code halt} ({@code Runtime.halt(0)}),
 * {@code hook} (another shutdown hook writes and queries while the JVM shuts down, as an application's
 * summary does) or {@code count} (only prints how many windows the directory holds).
 */
public final class ChdbExitProbe {

    static final int SOURCES = 30;
    static final int WINDOWS = 20;

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String how = args[1];
        ClickHouseStore store = ClickHouseStore.open(ClickHouseSettings.embedded(dataDir));
        if (how.equals("count")) {
            System.out.println("windows stored: " + store.queries().countAggregates());
            return;
        }
        // Recent windows: older ones would be the TTL's to drop.
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        List<WindowAggregate> rows = KnownAggregates.of(SOURCES, WINDOWS, anHourAgo).aggregates();
        for (int from = 0; from < rows.size(); from += SOURCES) {
            store.sink().write(rows.subList(from, from + SOURCES));
        }
        System.out.println("windows stored: " + store.queries().countAggregates());
        switch (how) {
            case "return" -> {
            }
            case "exit" -> System.exit(0);
            case "exit3" -> System.exit(3);
            case "halt" -> Runtime.getRuntime().halt(0);
            case "hook" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    store.sink().write(rows.subList(0, SOURCES)); // a replay: changes no count
                    System.out.println("windows counted in a shutdown hook: " + store.queries().countAggregates());
                }, "application-summary"));
                System.exit(0);
            }
            default -> throw new IllegalArgumentException("unknown way to end: " + how);
        }
    }
}
