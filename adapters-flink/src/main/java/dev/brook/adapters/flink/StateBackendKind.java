package dev.brook.adapters.flink;

/** Where the job keeps window state: on the heap (local runs) or in RocksDB (the cluster). */
public enum StateBackendKind {
    HASHMAP("hashmap"),
    ROCKSDB("rocksdb");

    private final String configValue;

    StateBackendKind(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Flink's {@code state.backend.type} option. */
    public String configValue() {
        return configValue;
    }
}
