package dev.brook.adapters.clickhouse.chdb;

import dev.brook.adapters.clickhouse.EmbeddedEngineForTests;
import dev.brook.adapters.clickhouse.transport.QueryParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine's background work (merges and mutations) runs below the priority of queries and inserts: its
 * threads take {@link ChdbEngine#MERGE_THREAD_NICE} while they work, where the process may set nice values.
 */
class ChdbMergePriorityIT {

    private static final String TABLE = "merge_priority_it.readings";
    private static ChdbTransport chdb;

    @BeforeAll
    static void startChdbWithATable() {
        chdb = EmbeddedEngineForTests.transport();
        chdb.execute("CREATE DATABASE IF NOT EXISTS merge_priority_it");
        chdb.execute("DROP TABLE IF EXISTS " + TABLE);
        chdb.execute("CREATE TABLE " + TABLE + " (id UInt32, digest String) ENGINE = MergeTree ORDER BY id");
        chdb.execute("INSERT INTO " + TABLE + " SELECT number, '' FROM numbers(200000)");
    }

    @AfterAll
    static void dropTheTable() {
        chdb.execute("DROP DATABASE IF EXISTS merge_priority_it");
    }

    @Test
    void theEngineIsStartedWithTheMergeThreadsNiceValue() {
        assertThat(value("SELECT value FROM system.server_settings WHERE name = 'os_threads_nice_value_merge_mutate'"))
                .isEqualTo(Integer.toString(ChdbEngine.MERGE_THREAD_NICE));
    }

    @Test
    void aMutationRunsOnAThreadAtThatNiceValue() throws Exception {
        assumeTrue(ChdbEngine.mayChangeThreadNice(), "this process lacks CAP_SYS_NICE: the engine sets no nice values");
        Set<Integer> niceValuesSeen = ConcurrentHashMap.newKeySet();
        AtomicBoolean mutating = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (mutating.get()) {
                niceValuesSeen.addAll(niceValuesOfThreadsNamed("MergeMutate"));
            }
        }, "merge-priority-watcher");
        watcher.start();
        try {
            // A merge-and-mutate thread of the engine does the work (most of a second of hashing) while this statement
            // waits for it.
            chdb.execute("ALTER TABLE " + TABLE + " UPDATE digest = hex(SHA256(repeat(toString(id), 300))) WHERE 1");
        } finally {
            mutating.set(false);
            watcher.join();
        }

        assertThat(value("SELECT countIf(digest = '') FROM " + TABLE)).as("rows the mutation left as they were").isEqualTo("0");
        assertThat(niceValuesSeen).contains(ChdbEngine.MERGE_THREAD_NICE);
    }

    /** The nice values of this process's threads of that name, from {@code /proc/self/task/<tid>/stat}. */
    private static Set<Integer> niceValuesOfThreadsNamed(String name) {
        Set<Integer> values = new HashSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                // "tid (comm) state ppid …": nice is field 19, the 17th after the parenthesis that closes comm.
                int commEnd = stat.lastIndexOf(')');
                if (stat.substring(stat.indexOf('(') + 1, commEnd).equals(name)) {
                    values.add(Integer.parseInt(stat.substring(commEnd + 2).split(" ")[16]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this process's threads in /proc/self/task", e);
        }
        return values;
    }

    private static String value(String sql) {
        return chdb.query(sql, QueryParameters.none()).singleValue();
    }
}
