package dev.brook.app.local.settings;

import dev.brook.adapters.pulsar.PulsarConnection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The infrastructure choice: embedded (default), Testcontainers, or external servers given by URL.
 *
 * @param pulsarUrl the broker's service URL ({@code pulsar://host:6650}, or several brokers
 *                  {@code pulsar://host1:6650,host2:6650}); external only
 * @param pulsarAdminUrl the broker's admin URL; external only. Not given, the wiring takes Pulsar's default web
 *                       port on the broker's host ({@code PulsarConnection.ofServiceUrl})
 * @param clickHouse the ClickHouse server; external only
 */
public record InfraSettings(InfraMode mode, Optional<URI> pulsarUrl, Optional<URI> pulsarAdminUrl,
                            Optional<ClickHouseServer> clickHouse) {

    public InfraSettings {
        if (mode == null || pulsarUrl == null || pulsarAdminUrl == null || clickHouse == null) {
            throw new IllegalArgumentException("infra settings need a mode and (possibly empty) URLs");
        }
        if (mode == InfraMode.EXTERNAL && (pulsarUrl.isEmpty() || clickHouse.isEmpty())) {
            throw new IllegalArgumentException("--infra=external needs both --pulsar-url (e.g. pulsar://localhost:6650)"
                    + " and --clickhouse-url (e.g. jdbc:clickhouse://localhost:8123)");
        }
        if (mode != InfraMode.EXTERNAL && (pulsarUrl.isPresent() || pulsarAdminUrl.isPresent() || clickHouse.isPresent())) {
            throw new IllegalArgumentException("--pulsar-url, --pulsar-admin-url and --clickhouse-url only apply with"
                    + " --infra=external (now --infra=" + mode.cliName() + ")");
        }
        pulsarUrl.ifPresent(url -> {
            requireValid("--pulsar-url", () -> PulsarConnection.ofServiceUrl(url.toString()));
            pulsarAdminUrl.ifPresent(admin -> requireValid("--pulsar-admin-url",
                    () -> new PulsarConnection(url.toString(), admin.toString())));
        });
    }

    /** The broker's URLs are checked where they are used, so a list of brokers passes here as it does there. */
    private static void requireValid(String flag, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    public static InfraSettings embedded() {
        return new InfraSettings(InfraMode.EMBEDDED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A ClickHouse server reached over JDBC.
     *
     * @param url e.g. {@code jdbc:clickhouse://localhost:8123}
     */
    public record ClickHouseServer(URI url, String user, String password) {

        public ClickHouseServer {
            if (url == null || user == null || user.isBlank()) {
                throw new IllegalArgumentException("a ClickHouse server needs a URL and a user (--clickhouse-user)");
            }
            requireScheme(url, "--clickhouse-url", "jdbc:clickhouse", "jdbc:ch");
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the ClickHouse server " + url + " needs a password for user '" + user
                        + "': set BROOK_CLICKHOUSE_PASSWORD (or --clickhouse-password)");
            }
        }

        @Override
        public String toString() {
            return "ClickHouseServer[" + url + " user=" + user + "]";
        }
    }

    /** Parses a URL given on the command line, with a message naming the flag when it is not one. */
    public static URI parseUrl(String flag, String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException(flag + " '" + text + "' has no scheme (e.g. pulsar://localhost:6650)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static void requireScheme(URI url, String flag, String... schemes) {
        String text = url.toString();
        for (String scheme : schemes) {
            if (text.startsWith(scheme + "://")) {
                String host;
                try {
                    host = new URI("x://" + text.substring(scheme.length() + 3)).getHost();
                } catch (URISyntaxException e) {
                    host = null;
                }
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException(flag + " '" + text + "' names no host (e.g. " + scheme + "://localhost)");
                }
                return;
            }
        }
        throw new IllegalArgumentException(flag + " '" + text + "' must start with one of "
                + String.join("://, ", schemes) + "://");
    }
}
