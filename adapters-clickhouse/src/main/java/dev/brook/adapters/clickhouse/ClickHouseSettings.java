package dev.brook.adapters.clickhouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the window aggregates are stored. Validated at construction; build with
 * {@link #embedded(Path)} or {@link #server(String, String, String)} and adjust with the {@code with…} methods.
 *
 * @param transport     the embedded chDB engine (default) or a ClickHouse server over JDBC
 * @param dataDir       the embedded engine's data directory (embedded only); one per JVM
 * @param jdbcUrl       e.g. {@code jdbc:clickhouse://clickhouse:8123} (jdbc only)
 * @param user          the server user (jdbc); the embedded engine has its own {@code default} user
 * @param password      the server password (jdbc: required, no default); empty for the embedded engine
 * @param database      database of the tables, {@code benchmark} by default
 * @param table         the aggregate table, {@code sensors_local} by default
 * @param ttlDays       rows are dropped this many days after their window started (30 by default)
 * @param batchSize     rows per insert; a larger write is split (1,000 by default, the spec's figure)
 * @param batchInterval how long a buffering writer may hold rows before it flushes (1 s by default)
 * @param clusterName   when set (jdbc only), tables are ReplicatedReplacingMergeTree on this cluster plus a
 *                      Distributed table that the queries read
 */
public record ClickHouseSettings(
        Transport transport,
        Optional<Path> dataDir,
        Optional<String> jdbcUrl,
        String user,
        String password,
        String database,
        String table,
        int ttlDays,
        int batchSize,
        Duration batchInterval,
        Optional<String> clusterName) {

    public enum Transport { EMBEDDED, JDBC }

    public static final String DEFAULT_DATABASE = "benchmark";
    public static final String DEFAULT_TABLE = "sensors_local";
    public static final int DEFAULT_TTL_DAYS = 30;
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClickHouseSettings {
        if (transport == null) {
            throw new IllegalArgumentException("transport is required: EMBEDDED (chDB) or JDBC (a ClickHouse server)");
        }
        dataDir = dataDir == null ? Optional.empty() : dataDir;
        jdbcUrl = jdbcUrl == null ? Optional.empty() : jdbcUrl.map(String::trim).filter(u -> !u.isEmpty());
        clusterName = clusterName == null ? Optional.empty() : clusterName.map(String::trim).filter(c -> !c.isEmpty());
        user = user == null ? "" : user.trim();
        password = password == null ? "" : password;
        switch (transport) {
            case EMBEDDED -> {
                if (dataDir.isEmpty()) {
                    throw new IllegalArgumentException("the embedded ClickHouse store needs a data directory (e.g. ./brook-data/clickhouse)");
                }
                if (jdbcUrl.isPresent()) {
                    throw new IllegalArgumentException("a JDBC URL was given for the embedded transport; choose jdbc to use a server");
                }
                if (clusterName.isPresent()) {
                    throw new IllegalArgumentException("cluster '" + clusterName.get() + "' needs the jdbc transport: the embedded engine is one node");
                }
            }
            case JDBC -> {
                if (jdbcUrl.isEmpty() || !(jdbcUrl.get().startsWith("jdbc:clickhouse:") || jdbcUrl.get().startsWith("jdbc:ch:"))) {
                    throw new IllegalArgumentException("the jdbc transport needs a URL like jdbc:clickhouse://host:8123, got " + jdbcUrl.orElse("none"));
                }
                if (user.isEmpty()) {
                    throw new IllegalArgumentException("the jdbc transport needs a user (there is no default)");
                }
                if (password.isEmpty()) {
                    throw new IllegalArgumentException("the jdbc transport needs a password for user '" + user
                            + "' (no default and no empty password: an open server is what the spec's origin shipped)");
                }
                if (dataDir.isPresent()) {
                    throw new IllegalArgumentException("a data directory was given for the jdbc transport; it belongs to the embedded one");
                }
            }
        }
        requireIdentifier("database", database);
        requireIdentifier("table", table);
        clusterName.ifPresent(c -> requireIdentifier("cluster name", c));
        if (ttlDays < 1 || ttlDays > 3_650) {
            throw new IllegalArgumentException("TTL " + ttlDays + " days must be within 1..3650 (the spec keeps 30)");
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be within 1..1,000,000 rows (default 1,000)");
        }
        if (batchInterval == null || batchInterval.isNegative() || batchInterval.isZero()
                || batchInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("batch interval " + batchInterval + " must be above 0 and at most 5 minutes (default PT1S)");
        }
    }

    /** The embedded chDB engine on {@code dataDir}, everything else at its default. */
    public static ClickHouseSettings embedded(Path dataDir) {
        return new ClickHouseSettings(Transport.EMBEDDED, Optional.ofNullable(dataDir), Optional.empty(), "default", "",
                DEFAULT_DATABASE, DEFAULT_TABLE, DEFAULT_TTL_DAYS, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_INTERVAL, Optional.empty());
    }

    /** A ClickHouse server by JDBC URL; user and password have no defaults. */
    public static ClickHouseSettings server(String jdbcUrl, String user, String password) {
        return new ClickHouseSettings(Transport.JDBC, Optional.empty(), Optional.ofNullable(jdbcUrl), user, password,
                DEFAULT_DATABASE, DEFAULT_TABLE, DEFAULT_TTL_DAYS, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_INTERVAL, Optional.empty());
    }

    public ClickHouseSettings withDatabase(String newDatabase) {
        return new ClickHouseSettings(transport, dataDir, jdbcUrl, user, password, newDatabase, table, ttlDays, batchSize,
                batchInterval, clusterName);
    }

    public ClickHouseSettings withTable(String newTable) {
        return new ClickHouseSettings(transport, dataDir, jdbcUrl, user, password, database, newTable, ttlDays, batchSize,
                batchInterval, clusterName);
    }

    public ClickHouseSettings withTtlDays(int newTtlDays) {
        return new ClickHouseSettings(transport, dataDir, jdbcUrl, user, password, database, table, newTtlDays, batchSize,
                batchInterval, clusterName);
    }

    public ClickHouseSettings withBatching(int newBatchSize, Duration newBatchInterval) {
        return new ClickHouseSettings(transport, dataDir, jdbcUrl, user, password, database, table, ttlDays, newBatchSize,
                newBatchInterval, clusterName);
    }

    public ClickHouseSettings withCluster(String newClusterName) {
        return new ClickHouseSettings(transport, dataDir, jdbcUrl, user, password, database, table, ttlDays, batchSize,
                batchInterval, Optional.ofNullable(newClusterName));
    }

    @Override
    public String toString() {
        // Never print the password.
        return "ClickHouseSettings[" + transport + " " + dataDir.map(Path::toString).or(() -> jdbcUrl).orElse("")
                + (user.isEmpty() ? "" : " user=" + user) + " " + database + "." + table + " ttl=" + ttlDays
                + "d batch=" + batchSize + "/" + batchInterval + clusterName.map(c -> " cluster=" + c).orElse("") + "]";
    }

    private static void requireIdentifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be a plain identifier (letters, digits, _; not starting with a digit)");
        }
    }
}
