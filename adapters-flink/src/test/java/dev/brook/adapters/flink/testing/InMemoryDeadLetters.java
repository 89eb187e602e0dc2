package dev.brook.adapters.flink.testing;

import dev.brook.adapters.flink.sink.DeadLetterSinkFactory;
import dev.brook.core.domain.port.out.DeadLetter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Dead letters kept in this JVM by name, for MiniCluster tests. */
public final class InMemoryDeadLetters {

    private static final Map<String, List<DeadLetter>> LETTERS = new ConcurrentHashMap<>();

    private InMemoryDeadLetters() {
    }

    public static DeadLetterSinkFactory sinkFactory(String name) {
        return () -> letter -> named(name).add(letter);
    }

    public static List<DeadLetter> named(String name) {
        return LETTERS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    public static void drop(String name) {
        LETTERS.remove(name);
    }
}
