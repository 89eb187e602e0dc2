package dev.brook.app.local.wiring;

import dev.brook.adapters.flink.JobSettings;

import java.nio.file.Path;

/** Where each part keeps its files inside the data dir, and the names the parts share. */
public record DataLayout(Path root) {

    public DataLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path pulsar() {
        return root.resolve("pulsar");
    }

    public Path checkpoints() {
        return root.resolve("flink").resolve("checkpoints");
    }

    public Path savepoints() {
        return root.resolve("flink").resolve("savepoints");
    }

    public Path deadLetters() {
        return root.resolve("dead-letters.jsonl");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The spec's topic name. */
    public String topic() {
        return JobSettings.DEFAULT_TOPIC;
    }
}
